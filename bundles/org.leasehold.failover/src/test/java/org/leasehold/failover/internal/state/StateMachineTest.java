package org.leasehold.failover.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.failover.internal.config.Role;
import org.leasehold.failover.internal.wire.ServerState;

/** The transitions ISC dhcpd 4.4 makes, and the journal that keeps them across a restart. */
class StateMachineTest {

    @TempDir
    Path dir;

    /** Records what the machine asks for; journals to a real file. */
    class Env implements MachineEnv {
        final List<String> calls = new ArrayList<>();
        final StateJournal journal = new StateJournal(dir, "fo");
        boolean connected = true;

        @Override
        public boolean connected() {
            return connected;
        }

        @Override
        public void sendState(ServerState state, boolean startup, long stos) {
            calls.add("STATE " + state + (startup ? " startup" : ""));
        }

        @Override
        public void sendUpdateRequest() {
            calls.add("UPDREQ");
        }

        @Override
        public void sendUpdateRequestAll() {
            calls.add("UPDREQALL");
        }

        @Override
        public void sendPendingUpdates() {
            calls.add("updates");
        }

        @Override
        public void rescindUpdates() {
            calls.add("rescind");
        }

        @Override
        public boolean journal(Persisted state) {
            try {
                journal.write(state);
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        }

        @Override
        public void schedule(Timer timer, long at) {
            calls.add("schedule " + timer);
        }

        @Override
        public void cancel(Timer timer) {
        }

        @Override
        public void moved(ServerState from, ServerState to) {
        }

        @Override
        public void partnerMoved(ServerState from, ServerState to) {
        }
    }

    long now = 1_800_000_000L;

    StateMachine machine(Env env, Role role, Persisted p, long autoPartnerDown) {
        return new StateMachine("fo", role, p, autoPartnerDown, env, () -> now);
    }

    @Test
    void aNewPairGoesThroughRecoverToNormal() throws Exception {
        Env env = new Env();
        StateMachine m = machine(env, Role.PRIMARY, Persisted.initial(now, 60), 0);
        m.start();
        assertThat(m.state()).isEqualTo(ServerState.STARTUP);
        assertThat(env.calls).contains("STATE recover startup", "schedule STARTUP");
        m.partnerState(ServerState.RECOVER, false);
        assertThat(m.state()).isEqualTo(ServerState.RECOVER);
        assertThat(env.calls).contains("UPDREQALL");
        m.updateDone();
        assertThat(m.state()).as("both in recover: no MCLT wait").isEqualTo(ServerState.RECOVER_DONE);
        m.partnerState(ServerState.RECOVER_DONE, false);
        assertThat(m.state()).isEqualTo(ServerState.NORMAL);
        assertThat(env.journal.read()).get().extracting(Persisted::myState).isEqualTo(ServerState.NORMAL);
    }

    @Test
    void lostPartnerAndItsReturn() throws Exception {
        Env env = new Env();
        StateMachine m = machine(env, Role.SECONDARY, new Persisted(ServerState.NORMAL, now, ServerState.NORMAL, now, 60),
                120);
        m.setState(ServerState.NORMAL);
        env.connected = false;
        m.linkLost();
        assertThat(m.state()).isEqualTo(ServerState.COMMUNICATIONS_INTERRUPTED);
        assertThat(env.calls).contains("schedule AUTO_PARTNER_DOWN");
        m.autoPartnerDown();
        assertThat(m.state()).isEqualTo(ServerState.PARTNER_DOWN);
        env.connected = true;
        m.partnerState(ServerState.RECOVER, false);
        assertThat(m.state()).as("partner-down waits for the partner's recovery").isEqualTo(ServerState.PARTNER_DOWN);
        m.partnerState(ServerState.RECOVER_DONE, false);
        assertThat(m.state()).isEqualTo(ServerState.NORMAL);
    }

    @Test
    void communicationsInterruptedBackToNormalWhenThePartnerReturns() {
        Env env = new Env();
        StateMachine m = machine(env, Role.PRIMARY,
                new Persisted(ServerState.COMMUNICATIONS_INTERRUPTED, now, ServerState.NORMAL, now, 60), 0);
        m.partnerState(ServerState.COMMUNICATIONS_INTERRUPTED, false);
        assertThat(m.state()).isEqualTo(ServerState.NORMAL);
        assertThat(env.calls).contains("updates");
    }

    @Test
    void anAmnesicPartnerWhileInterruptedMeansPartnerDown() {
        Env env = new Env();
        StateMachine m = machine(env, Role.PRIMARY,
                new Persisted(ServerState.COMMUNICATIONS_INTERRUPTED, now, ServerState.NORMAL, now, 60), 0);
        m.partnerState(ServerState.RECOVER, false);
        assertThat(m.state()).isEqualTo(ServerState.PARTNER_DOWN);
    }

    @Test
    void restartResumesTheJournaledState() throws Exception {
        Env env = new Env();
        StateMachine m = machine(env, Role.PRIMARY, Persisted.initial(now, 60), 0);
        m.setState(ServerState.PARTNER_DOWN);
        Persisted p = env.journal.read().orElseThrow();
        StateMachine again = machine(new Env(), Role.PRIMARY, p, 0);
        again.start();
        assertThat(again.state()).isEqualTo(ServerState.STARTUP);
        assertThat(again.effective()).isEqualTo(ServerState.PARTNER_DOWN);
        again.startupTimeout();
        assertThat(again.state()).isEqualTo(ServerState.PARTNER_DOWN);
    }

    @Test
    void partnerInvalidStateShutsDown() {
        StateMachine m = machine(new Env(), Role.PRIMARY,
                new Persisted(ServerState.NORMAL, now, ServerState.NORMAL, now, 60), 0);
        m.partnerState(ServerState.valueOf(99), false);
        assertThat(m.state()).isEqualTo(ServerState.SHUTDOWN);
    }

    @Test
    void journalWriteFailureUndoesTheMove() throws Exception {
        Env env = new Env() {
            @Override
            public boolean journal(Persisted state) {
                return false;
            }
        };
        StateMachine m = machine(env, Role.PRIMARY, new Persisted(ServerState.NORMAL, now, ServerState.NORMAL, now, 60), 0);
        m.linkLost();
        assertThat(m.state()).isEqualTo(ServerState.NORMAL);
    }
}
