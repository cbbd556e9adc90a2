package org.leasehold.failover.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leasehold.api.config.ConfigProblem;

/** The failover statements as ISC dhcpd 4.4 users write them, and the mistakes they make. */
class FailoverConfigReaderTest {

    static final String PRIMARY = """
            failover peer "fo" {
              primary;
              address 198.18.0.1;
              port 647;
              peer address 198.18.0.3;
              peer port 847;
              max-response-delay 5;
              max-unacked-updates 10;
              mclt 10;
              split 128;
              load balance max seconds 3;
              auto-partner-down 60;
              max-lease-misbalance 20;
              max-lease-ownership 5;
              min-balance 30;
              max-balance 600;
            }
            subnet 198.18.0.0 netmask 255.255.0.0 {
              pool {
                failover peer "fo";
                range 198.18.2.1 198.18.2.200;
              }
              pool {
                range 198.18.3.1 198.18.3.10;
              }
            }
            """;

    static FailoverConf read(String text) {
        return FailoverConfigReader.read(Confs.parse(text));
    }

    static List<String> problems(String text) {
        return read(text).problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void readsEveryStatementOfThePeerBlock() {
        FailoverConf c = read(PRIMARY);
        assertThat(c.problems()).isEmpty();
        PeerConfig p = c.peer("fo").orElseThrow();
        assertThat(p.role()).isEqualTo(Role.PRIMARY);
        assertThat(p.address().getHostAddress()).isEqualTo("198.18.0.1");
        assertThat(p.port()).isEqualTo(647);
        assertThat(p.peerAddress().getHostAddress()).isEqualTo("198.18.0.3");
        assertThat(p.peerPort()).isEqualTo(847);
        assertThat(p.maxResponseDelay()).isEqualTo(5);
        assertThat(p.maxUnackedUpdates()).isEqualTo(10);
        assertThat(p.mclt()).isEqualTo(10);
        assertThat(p.hba().primaryBuckets()).isEqualTo(128);
        assertThat(p.loadBalanceMaxSeconds()).isEqualTo(3);
        assertThat(p.autoPartnerDown()).isEqualTo(60);
        assertThat(p.maxLeaseMisbalance()).isEqualTo(20);
        assertThat(p.maxLeaseOwnership()).isEqualTo(5);
        assertThat(p.minBalance()).isEqualTo(30);
        assertThat(p.maxBalance()).isEqualTo(600);
        assertThat(p.position().line()).isEqualTo(1);
        assertThat(c.poolPeer()).containsExactly(java.util.Map.entry("198.18.0.0/16#1", "fo"));
    }

    @Test
    void fillsInIscDefaults() {
        FailoverConf c = read("""
                failover peer "s" { secondary; peer address 198.18.0.1; }
                subnet 198.18.0.0 netmask 255.255.0.0 { pool { failover peer "s"; range 198.18.2.1 198.18.2.9; } }
                """);
        assertThat(c.problems()).isEmpty();
        PeerConfig p = c.peer("s").orElseThrow();
        assertThat(p.port()).isEqualTo(647);
        assertThat(p.peerPort()).isEqualTo(647);
        assertThat(p.maxResponseDelay()).isEqualTo(20);
        assertThat(p.maxUnackedUpdates()).isEqualTo(100);
        assertThat(p.maxLeaseMisbalance()).isEqualTo(15);
        assertThat(p.maxLeaseOwnership()).isEqualTo(10);
        assertThat(p.minBalance()).isEqualTo(60);
        assertThat(p.maxBalance()).isEqualTo(3600);
        assertThat(p.address()).isNull();
        assertThat(p.hba()).isNull();
    }

    @Test
    void hbaStatementAndSharedNetworkReference() {
        String hba = "ff:".repeat(16) + "00:".repeat(15) + "00";
        FailoverConf c = read("""
                failover peer "fo" { primary; peer address 198.18.0.3; mclt 60; hba %s; }
                shared-network lan {
                  failover peer "fo";
                  subnet 198.18.0.0 netmask 255.255.0.0 { pool { range 198.18.2.1 198.18.2.9; } }
                }
                """.formatted(hba));
        assertThat(c.problems()).isEmpty();
        assertThat(c.peer("fo").orElseThrow().hba().primaryBuckets()).isEqualTo(128);
        assertThat(c.peer("fo").orElseThrow().hba().toString()).isEqualTo(hba);
        assertThat(c.pools("fo")).containsExactly("198.18.0.0/16#1");
    }

    @Test
    void unknownStatementIsAnErrorAtItsLine() {
        assertThat(problems("""
                failover peer "fo" {
                  primary; peer address 198.18.0.3; mclt 10; split 128;
                  max-respone-delay 5;
                }
                """)).singleElement().asString().startsWith("dhcpd.conf:3:3: unknown statement 'max-respone-delay'");
    }

    @Test
    void conflictingStatementsAreErrors() {
        assertThat(problems("""
                failover peer "fo" {
                  primary;
                  secondary;
                  peer address 198.18.0.3;
                  mclt 10;
                  split 128;
                  hba ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff;
                  port 647;
                  port 648;
                }
                """)).containsExactly(
                "dhcpd.conf:3:3: 'secondary' conflicts with the role given at dhcpd.conf:2:3",
                "dhcpd.conf:7:3: 'hba' conflicts with 'split' at dhcpd.conf:6:3: write one of them",
                "dhcpd.conf:9:3: 'port' is given twice in failover peer \"fo\" (first at dhcpd.conf:8:3)");
    }

    @Test
    void missingRequiredStatements() {
        assertThat(problems("failover peer \"fo\" { primary; }\n")).containsExactly(
                "dhcpd.conf:1:1: failover peer \"fo\" needs 'peer address A;'",
                "dhcpd.conf:1:1: primary failover peer \"fo\" needs 'split N;' or 'hba ...;'",
                "dhcpd.conf:1:1: primary failover peer \"fo\" needs 'mclt SECONDS;' (not 0)");
        assertThat(problems("failover peer \"fo\" { peer address 198.18.0.3; }\n"))
                .containsExactly("dhcpd.conf:1:1: failover peer \"fo\" needs 'primary;' or 'secondary;'");
    }

    @Test
    void badValues() {
        assertThat(problems("""
                failover peer "fo" {
                  primary;
                  peer address fo.example;
                  mclt ten;
                  split 300;
                  port 70000;
                }
                """)).contains(
                "dhcpd.conf:3:16: expected an IPv4 address (host names are not resolved), found 'fo.example'",
                "dhcpd.conf:4:8: expected a number from 1 to 2147483647 for 'mclt', found 'ten'",
                "dhcpd.conf:5:9: expected a number from 0 to 256 for 'split', found '300'",
                "dhcpd.conf:6:8: expected a number from 1 to 65535 for 'port', found '70000'");
        assertThat(problems("failover peer \"fo\" { primary; peer address 198.18.0.3; mclt 1; hba ff:00; }\n"))
                .containsExactly("dhcpd.conf:1:68: HBA must be exactly 32 bytes, found 2");
    }

    @Test
    void secondaryMayNotSplit() {
        assertThat(problems("failover peer \"fo\" { secondary; peer address 198.18.0.1; split 128; }\n"))
                .singleElement().asString().contains("a secondary may not define load balance settings");
    }

    @Test
    void unknownPeerReferenceAndRedeclaration() {
        assertThat(problems("""
                failover peer "fo" { secondary; peer address 198.18.0.1; }
                failover peer "fo" { secondary; peer address 198.18.0.1; }
                subnet 198.18.0.0 netmask 255.255.0.0 { pool { failover peer "fx"; range 198.18.2.1 198.18.2.9; } }
                """)).containsExactly(
                "dhcpd.conf:2:1: redeclaration of failover peer \"fo\" (first declared at dhcpd.conf:1:1)",
                "dhcpd.conf:3:62: reference to unknown failover peer \"fx\"");
    }

    @Test
    void referenceOutsideAPoolOrSharedNetwork() {
        assertThat(problems("""
                failover peer "fo" { secondary; peer address 198.18.0.1; }
                subnet 198.18.0.0 netmask 255.255.0.0 { failover peer "fo"; range 198.18.2.1 198.18.2.9; }
                """)).anySatisfy(p -> assertThat(p).startsWith("dhcpd.conf:2:41: failover peer references belong"));
    }

    @Test
    void twoRelationshipsOnOnePort() {
        assertThat(problems("""
                failover peer "a" { secondary; peer address 198.18.0.1; }
                failover peer "b" { secondary; peer address 198.18.0.5; }
                """)).singleElement().asString().contains("listens on *:647 like failover peer \"a\"");
    }

    @Test
    void noFailoverStatementsNoPeers() {
        FailoverConf c = read("subnet 198.18.0.0 netmask 255.255.0.0 { range 198.18.2.1 198.18.2.9; }\n");
        assertThat(c.isEmpty()).isTrue();
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void aDeclarationMovedToAnotherLineIsTheSameRelationship() {
        PeerConfig a = read(PRIMARY).peer("fo").orElseThrow();
        PeerConfig moved = read("# a comment line\n\n" + PRIMARY).peer("fo").orElseThrow();
        PeerConfig changed = read(PRIMARY.replace("mclt 10;", "mclt 11;")).peer("fo").orElseThrow();
        assertThat(moved.position()).isNotEqualTo(a.position());
        assertThat(a.sameAs(moved)).isTrue();
        assertThat(a.sameAs(changed)).isFalse();
    }

    @Test
    void splitLaysBitsOutAsIscDoes() {
        Hba h = Hba.split(9);
        assertThat(h.bytes()[0]).isEqualTo((byte) 0xFF);
        assertThat(h.bytes()[1]).isEqualTo((byte) 0x01);
        assertThat(h.primaryServes(8)).isTrue();
        assertThat(h.primaryServes(9)).isFalse();
        assertThat(Hba.split(256).primaryBuckets()).isEqualTo(256);
        assertThat(Hba.split(0).primaryBuckets()).isZero();
    }
}
