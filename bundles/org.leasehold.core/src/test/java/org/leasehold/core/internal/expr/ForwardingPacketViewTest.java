package org.leasehold.core.internal.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** ForwardingPacketView forwards every read of PacketView: a method added there must be forwarded too. */
class ForwardingPacketViewTest {

    @Test
    void everyPacketViewMethodIsOverridden() throws Exception {
        for (Method m : PacketView.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Method own = ForwardingPacketView.class.getMethod(m.getName(), m.getParameterTypes());
            assertThat(own.getDeclaringClass()).as(m.getName() + Arrays.toString(m.getParameterTypes()))
                    .isEqualTo(ForwardingPacketView.class);
        }
    }
}
