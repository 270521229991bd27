package io.jenkins.plugins.ecsdeploy.core.secrets;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The leak checks catch each credential, in plain and URL-encoded form, and in a cause's message. */
class LeakCheckTest {

    @Test
    void eachCredentialIsCaught() {
        for (String secret : new String[] {LeakCheck.ACCESS_KEY, LeakCheck.SECRET_KEY, LeakCheck.SESSION_TOKEN,
                "s3cr3t%2FTEST%2BKEY%2Fxyz"}) {
            assertThatThrownBy(() -> LeakCheck.assertClean("text", "before " + secret + " after"))
                    .isInstanceOf(AssertionError.class);
        }
    }

    @Test
    void aCredentialInACauseIsCaught() {
        Exception e = new IllegalStateException("outer", new RuntimeException("key " + LeakCheck.SECRET_KEY));
        assertThatThrownBy(() -> LeakCheck.assertClean("exception", e)).isInstanceOf(AssertionError.class);
    }

    @Test
    void anEmptyTextProvesNothing() {
        assertThatThrownBy(() -> LeakCheck.assertClean("text", "")).isInstanceOf(AssertionError.class);
    }
}
