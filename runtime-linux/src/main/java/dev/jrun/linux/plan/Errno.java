package dev.jrun.linux.plan;

import java.util.Optional;

/**
 * Linux x86_64 errno numbers a container setup can meet, with glibc's strerror text (lower-cased, so it reads well
 * after a colon). Numbers and texts were taken from this machine's C library.
 */
public enum Errno {
    EPERM(1, "operation not permitted"),
    ENOENT(2, "no such file or directory"),
    ESRCH(3, "no such process"),
    EINTR(4, "interrupted system call"),
    EIO(5, "input/output error"),
    ENXIO(6, "no such device or address"),
    E2BIG(7, "argument list too long"),
    ENOEXEC(8, "exec format error"),
    EBADF(9, "bad file descriptor"),
    ECHILD(10, "no child processes"),
    EAGAIN(11, "resource temporarily unavailable"),
    ENOMEM(12, "cannot allocate memory"),
    EACCES(13, "permission denied"),
    EFAULT(14, "bad address"),
    ENOTBLK(15, "block device required"),
    EBUSY(16, "device or resource busy"),
    EEXIST(17, "file exists"),
    EXDEV(18, "invalid cross-device link"),
    ENODEV(19, "no such device"),
    ENOTDIR(20, "not a directory"),
    EISDIR(21, "is a directory"),
    EINVAL(22, "invalid argument"),
    ENFILE(23, "too many open files in system"),
    EMFILE(24, "too many open files"),
    ENOTTY(25, "inappropriate ioctl for device"),
    ETXTBSY(26, "text file busy"),
    EFBIG(27, "file too large"),
    ENOSPC(28, "no space left on device"),
    ESPIPE(29, "illegal seek"),
    EROFS(30, "read-only file system"),
    EMLINK(31, "too many links"),
    EPIPE(32, "broken pipe"),
    EDOM(33, "numerical argument out of domain"),
    ERANGE(34, "numerical result out of range"),
    EDEADLK(35, "resource deadlock avoided"),
    ENAMETOOLONG(36, "file name too long"),
    ENOLCK(37, "no locks available"),
    ENOSYS(38, "function not implemented"),
    ENOTEMPTY(39, "directory not empty"),
    ELOOP(40, "too many levels of symbolic links"),
    ENODATA(61, "no data available"),
    EOVERFLOW(75, "value too large for defined data type"),
    EILSEQ(84, "invalid or incomplete multibyte or wide character"),
    ENOTSOCK(88, "socket operation on non-socket"),
    EOPNOTSUPP(95, "operation not supported"),
    EAFNOSUPPORT(97, "address family not supported by protocol"),
    EADDRINUSE(98, "address already in use"),
    ENOBUFS(105, "no buffer space available"),
    ENOTCONN(107, "transport endpoint is not connected"),
    ETIMEDOUT(110, "connection timed out"),
    ECONNREFUSED(111, "connection refused"),
    ESTALE(116, "stale file handle"),
    EDQUOT(122, "disk quota exceeded"),
    ECANCELED(125, "operation canceled"),
    ENOKEY(126, "required key not available"),
    EKEYEXPIRED(127, "key has expired"),
    EKEYREVOKED(128, "key has been revoked"),
    EKEYREJECTED(129, "key was rejected by service");

    private static final Errno[] BY_CODE = new Errno[134];

    static {
        for (Errno e : values()) {
            BY_CODE[e.code] = e;
        }
    }

    private final int code;
    private final String text;

    Errno(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    /** As a raw syscall returns it: {@code -code}. */
    public long negative() {
        return -code;
    }

    /** strerror text, lower-case: "operation not permitted". */
    public String text() {
        return text;
    }

    public static Optional<Errno> of(int code) {
        return code > 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }
}
