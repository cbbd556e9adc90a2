package org.leasehold.store.pgsql.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leasehold.store.pgsql.internal.ConfigRepository.VersionId;

class VersionIdTest {

    @Test
    void writesAndReadsNumberAtSite() {
        VersionId v = new VersionId(7, "site-a");
        assertThat(v).hasToString("7@site-a");
        assertThat(VersionId.parse("7@site-a")).isEqualTo(v);
        // a site name may itself hold '@': the number ends at the first one
        assertThat(VersionId.parse("12@ops@east")).isEqualTo(new VersionId(12, "ops@east"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "7", "@a", "7@", "x@a", "0@a", "-3@a", "99999999999999999999@a"})
    void refusesWhatIsNotAVersion(String text) {
        assertThatThrownBy(() -> VersionId.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a version");
    }

    @Test
    void notificationPayloadNamesAVersionOrNothing() {
        assertThat(ConfigRepository.notified("3@b")).contains(new VersionId(3, "b"));
        assertThat(ConfigRepository.notified("hello")).isEmpty();
        assertThat(ConfigRepository.notified("")).isEmpty();
        assertThat(ConfigRepository.notified(null)).isEmpty();
    }

    @Test
    void digestIsTheSha256OfTheUtf8Text() {
        assertThat(ConfigRepository.sha256("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(ConfigRepository.sha256("option domain-name \"é\";")).hasSize(64)
                .isNotEqualTo(ConfigRepository.sha256("option domain-name \"e\";"));
    }
}
