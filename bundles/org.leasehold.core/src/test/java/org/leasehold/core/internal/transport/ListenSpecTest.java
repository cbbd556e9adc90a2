package org.leasehold.core.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ListenSpecTest {

    @Test
    void loopbackAddressIsServedAsItself() {
        ListenSpec s = ListenSpec.resolve(" 127.0.0.1 ");
        assertThat(s.loopback()).isTrue();
        assertThat(s.wildcard()).isFalse();
        assertThat(s.addresses()).extracting(a -> a.getHostAddress()).containsExactly("127.0.0.1");
    }

    @Test
    void interfaceNameAnswersAsEveryAddressOfTheInterface() {
        ListenSpec s = ListenSpec.resolve("lo");
        assertThat(s.ifname()).contains("lo");
        assertThat(s.addresses()).extracting(a -> a.getHostAddress()).contains("127.0.0.1");
        assertThat(s.wildcard()).isFalse();
    }

    @Test
    void wildcardIsEveryInterface() {
        assertThat(ListenSpec.resolve("0.0.0.0").wildcard()).isTrue();
    }

    @Test
    void unknownInterfaceIsRejectedByName() {
        assertThatThrownBy(() -> ListenSpec.resolve("nosuchif9"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nosuchif9");
    }
}
