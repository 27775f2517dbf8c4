package dev.jrun.core.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.math.BigInteger;

/**
 * JSON mapping for the spec's uint64 fields held in a Java long with Go's bit pattern: values above
 * Long.MAX_VALUE (RLIM_INFINITY = 18446744073709551615 is common in rlimits) are stored as negative longs and
 * written back unsigned, so they round-trip. Compare such values with {@link Long#compareUnsigned}.
 */
public final class Uint64 {
    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(64);

    private Uint64() {
    }

    public static String toString(long value) {
        return Long.toUnsignedString(value);
    }

    static final class Deserializer extends JsonDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                return (Long) ctxt.handleUnexpectedToken(Long.class, p);
            }
            BigInteger value = p.getBigIntegerValue();
            if (value.signum() < 0 || value.compareTo(LIMIT) >= 0) {
                return (Long) ctxt.handleUnexpectedToken(Uint64.class, p);
            }
            return value.longValue();
        }
    }

    static final class Serializer extends JsonSerializer<Long> {
        @Override
        public void serialize(Long value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (value >= 0) {
                gen.writeNumber(value);
            } else {
                gen.writeNumber(new BigInteger(Long.toUnsignedString(value)));
            }
        }
    }
}
