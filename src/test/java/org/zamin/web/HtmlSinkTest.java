package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The page's scripts never hand text to the browser as HTML: no {@code innerHTML}, {@code outerHTML},
 * {@code insertAdjacentHTML} or {@code document.write}, and every Leaflet tooltip or popup gets a DOM node
 * ({@code textNode(…)} or a built element), since Leaflet parses a string it is given as HTML.
 */
class HtmlSinkTest {

    private static final Path SCRIPTS = Path.of("web", "js");
    private static final Pattern HTML_SINK = Pattern.compile("\\.(innerHTML|outerHTML)\\s*[+]?=|insertAdjacentHTML\\s*\\("
            + "|document\\.write(ln)?\\s*\\(");
    private static final Pattern LEAFLET_CONTENT = Pattern.compile(
            "\\.(bindTooltip|bindPopup|setContent|setTooltipContent|setPopupContent)\\(\\s*([^\\n]{0,60})");
    /** What a tooltip's or popup's content may be: a function that builds a DOM node. */
    private static final Pattern DOM_CONTENT = Pattern.compile("^\\(\\)\\s*=>\\s*(textNode|popupContent)\\(");

    @Test
    void noScriptWritesHtmlAndEveryTooltipIsADomNode() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SCRIPTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).sorted().toList()) {
                String source = Files.readString(file);
                Matcher sink = HTML_SINK.matcher(source);
                while (sink.find()) {
                    found.add(file + ":" + line(source, sink.start()) + ": " + sink.group());
                }
                Matcher content = LEAFLET_CONTENT.matcher(source);
                while (content.find()) {
                    if (!DOM_CONTENT.matcher(content.group(2)).find()) {
                        found.add(file + ":" + line(source, content.start()) + ": " + content.group(1)
                                + " is given something other than a DOM node: " + content.group(2));
                    }
                }
            }
        }
        assertTrue(found.isEmpty(), "text handed to the browser as HTML:\n" + String.join("\n", found));
    }

    @Test
    void theScannerSeesEachKindOfSink() {
        String bad = "el.innerHTML = x;\nlayer.bindTooltip(t('a', { n }));\nlayer.bindTooltip(() => name);\n";
        assertTrue(HTML_SINK.matcher(bad).find());
        Matcher m = LEAFLET_CONTENT.matcher(bad);
        int strings = 0;
        while (m.find()) {
            strings += DOM_CONTENT.matcher(m.group(2)).find() ? 0 : 1;
        }
        assertTrue(strings == 2, "both string tooltips are found: " + strings);
        Matcher ok = LEAFLET_CONTENT.matcher("layer.bindTooltip(() => textNode(name), {});");
        assertTrue(ok.find() && DOM_CONTENT.matcher(ok.group(2)).find());
    }

    private static int line(String source, int offset) {
        return (int) source.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }
}
