package org.facteur.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeNameTest {
    @Test
    void unsetOrBlankChangesNothing() {
        assertThat(NodeName.fromEnvironment(null).springProperties()).isEmpty();
        assertThat(NodeName.fromEnvironment("  ").springProperties()).isEmpty();
    }

    @Test
    void aNameGoesToTextLogsJsonLogsAndMetrics() {
        assertThat(NodeName.fromEnvironment(" mx1.example.org ").springProperties())
                .containsEntry("logging.pattern.level", "%5p [mx1.example.org]")
                .containsEntry("logging.structured.ecs.service.node-name", "mx1.example.org")
                .containsEntry(NodeName.PROPERTY, "mx1.example.org");
    }

    @Test
    void aNameThatWouldBreakALogLineOrALabelIsRefusedWithASentence() {
        for (String bad : new String[] {"node a", "node\nINFO forged", "-node", "nœud", "a\"b", "x".repeat(64), "%d{x}"}) {
            assertThatThrownBy(() -> NodeName.fromEnvironment(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("FACTEUR_NODE_NAME")
                    .hasMessageContaining("letters, digits, dots, dashes or underscores");
        }
        assertThat(NodeName.fromEnvironment("x".repeat(63)).name()).hasValue("x".repeat(63));
    }
}
