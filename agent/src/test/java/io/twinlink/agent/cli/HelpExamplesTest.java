package io.twinlink.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.agent.Main;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command's {@code --help} ends with examples (the man pages are generated from the same
 * text), and every example line runs a real subcommand and option of this CLI, so the help
 * cannot advertise an option that was renamed.
 */
class HelpExamplesTest {

    /** Every command of ours; picocli's own {@code help} command has no footer to give. */
    static Stream<String> commands() {
        return Stream.concat(Stream.of(""), Main.commandLine().getSubcommands().keySet().stream()
                .filter(name -> !name.equals("help")));
    }

    @ParameterizedTest(name = "twinlink {0} --help")
    @MethodSource("commands")
    void helpEndsWithExamplesThatUseRealOptions(String command) {
        CliRun help = command.isEmpty() ? CliRun.of("--help") : CliRun.of(command, "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.err()).isEmpty();
        String out = help.out();
        assertThat(out).containsPattern("(?m)^Examples?:$");
        List<String> examples = exampleCommands(out.substring(out.indexOf("Example")));
        assertThat(examples).as("example lines of %s", command).isNotEmpty();
        for (String example : examples) {
            assertUsesRealOptions(example);
        }
        // picocli wraps longer lines at 80 columns, which breaks the example layout
        CommandLine cl = command.isEmpty() ? Main.commandLine() : Main.commandLine().getSubcommands().get(command);
        assertThat(cl.getCommandSpec().usageMessage().footer()).allSatisfy(line ->
                assertThat(line.length()).as("footer line \"%s\"", line).isLessThan(80));
    }

    /** Lines of the footer that run twinlink, e.g. {@code twinlink show lacp --json}. */
    private static List<String> exampleCommands(String footer) {
        Matcher m = Pattern.compile("(?m)^\\s+(?:\\S+=\\S+ )?(twinlink(?: [^|&()]*)?)").matcher(footer);
        List<String> lines = new java.util.ArrayList<>();
        while (m.find()) {
            // two spaces end the command; what follows is the explanation
            lines.add(m.group(1).split(" {2}")[0].strip());
        }
        return lines;
    }

    private static void assertUsesRealOptions(String example) {
        String[] words = example.split("\\s+");
        CommandLine cl = Main.commandLine();
        for (int i = 1; i < words.length; i++) {
            String w = words[i];
            if (w.startsWith("-")) {
                String option = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
                assertThat(cl.getCommandSpec().findOption(option)).as("%s: option %s", example, option).isNotNull();
            } else if (cl.getSubcommands().containsKey(w)) {
                cl = cl.getSubcommands().get(w);
            }
        }
        assertThat(cl).as("%s names a subcommand", example).isNotSameAs(null);
        if (words.length > 1 && !words[1].startsWith("-")) {
            assertThat(Main.commandLine().getSubcommands()).as(example).containsKey(words[1]);
        }
    }
}
