package dev.jrun.cli;

import dev.jrun.core.features.FeaturesJson;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "features", description = "show the enabled features (runtime-spec features.md JSON)")
final class FeaturesCommand extends JrunSubcommand {
    @Override
    public Integer call() {
        BuildInfo build = BuildInfo.load();
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("dev.jrun.commit", build.commit());
        annotations.put("dev.jrun.version", build.version());
        System.out.println(FeaturesJson.render(annotations));
        return 0;
    }

    @Override
    String describe() {
        return "features";
    }
}
