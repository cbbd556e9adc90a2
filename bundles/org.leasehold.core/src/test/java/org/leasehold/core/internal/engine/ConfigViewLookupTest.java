package org.leasehold.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.leasehold.core.internal.expr.FakePacket;
import org.leasehold.core.internal.classify.Classifier;
import org.leasehold.core.internal.classify.Classification;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.DhcpOptions;
import org.leasehold.core.internal.config.ConfigParser;
import org.leasehold.core.internal.config.DhcpConfig;
import org.leasehold.core.internal.config.HostDecl;
import org.leasehold.core.internal.value.Ipv4;
import org.leasehold.core.internal.config.Params;
import org.leasehold.core.internal.config.PoolDecl;
import org.leasehold.core.internal.config.SubnetDecl;

/**
 * The precomputed lookups of {@link ConfigView}: subnet by address (one hash lookup per prefix length),
 * subnet by id, the link of a subnet and the option sets memoized per scope chain. Each is checked
 * against the plain definition it replaced (linear longest-prefix search, {@link DhcpConfig#linkOf},
 * {@link ConfigView#mergeOptions}).
 */
class ConfigViewLookupTest {

    private static ConfigView view(String text) throws Exception {
        return new ConfigView(ConfigParser.parse("view.conf", text));
    }

    private static Optional<String> containing(ConfigView v, String address) {
        return v.subnetContaining(Ipv4.parse(address)).map(SubnetDecl::id);
    }

    /** What subnetContaining meant before the index: the longest prefix containing the address, first declared on a tie. */
    private static Optional<SubnetDecl> linearLongestPrefix(DhcpConfig config, long address) {
        SubnetDecl best = null;
        for (SubnetDecl s : config.subnets()) {
            if (s.contains(address) && (best == null || s.prefixLength() > best.prefixLength())) {
                best = s;
            }
        }
        return Optional.ofNullable(best);
    }

    // ---- subnetContaining ------------------------------------------------------------------------

    @Test
    void nestedSubnetsResolveToTheLongestPrefix() throws Exception {
        ConfigView v = view("""
                subnet 10.0.0.0 netmask 255.0.0.0 { }
                subnet 10.1.0.0 netmask 255.255.0.0 { }
                """);

        assertThat(containing(v, "10.1.2.3")).contains("10.1.0.0/16");
        assertThat(containing(v, "10.2.0.1")).contains("10.0.0.0/8");
        assertThat(containing(v, "11.0.0.1")).isEmpty();
    }

    @Test
    void declarationOrderDoesNotChangeTheLongestPrefixWinner() throws Exception {
        ConfigView v = view("""
                subnet 10.1.0.0 netmask 255.255.0.0 { }
                subnet 10.0.0.0 netmask 255.0.0.0 { }
                """);

        assertThat(containing(v, "10.1.2.3")).contains("10.1.0.0/16");
        assertThat(containing(v, "10.2.0.1")).contains("10.0.0.0/8");
        assertThat(containing(v, "11.0.0.1")).isEmpty();
    }

    @Test
    void subnetEdgesAndThreeLevelsOfNesting() throws Exception {
        ConfigView v = view("""
                subnet 10.0.0.0 netmask 255.0.0.0 { }
                subnet 10.1.0.0 netmask 255.255.0.0 { }
                subnet 10.1.2.0 netmask 255.255.255.0 { }
                subnet 192.168.200.0 netmask 255.255.255.128 { }
                """);

        assertThat(containing(v, "10.0.0.0")).contains("10.0.0.0/8");
        assertThat(containing(v, "10.255.255.255")).contains("10.0.0.0/8");
        assertThat(containing(v, "9.255.255.255")).isEmpty();
        assertThat(containing(v, "11.0.0.0")).isEmpty();
        assertThat(containing(v, "10.1.0.0")).contains("10.1.0.0/16");
        assertThat(containing(v, "10.1.255.255")).contains("10.1.0.0/16");
        assertThat(containing(v, "10.0.255.255")).contains("10.0.0.0/8");
        assertThat(containing(v, "10.2.0.0")).contains("10.0.0.0/8");
        assertThat(containing(v, "10.1.2.0")).contains("10.1.2.0/24");
        assertThat(containing(v, "10.1.2.255")).contains("10.1.2.0/24");
        assertThat(containing(v, "10.1.1.255")).contains("10.1.0.0/16");
        assertThat(containing(v, "10.1.3.0")).contains("10.1.0.0/16");
        // addresses above 2^31 (a sign error in the masking would lose these)
        assertThat(containing(v, "192.168.200.0")).contains("192.168.200.0/25");
        assertThat(containing(v, "192.168.200.127")).contains("192.168.200.0/25");
        assertThat(containing(v, "192.168.200.128")).isEmpty();
        assertThat(containing(v, "255.255.255.255")).isEmpty();
        assertThat(containing(v, "0.0.0.0")).isEmpty();
    }

    @Test
    void hostRouteAndDefaultRoutePrefixesWork() throws Exception {
        ConfigView v = view("""
                subnet 0.0.0.0 netmask 0.0.0.0 { }
                subnet 198.51.100.7 netmask 255.255.255.255 { }
                subnet 198.51.100.0 netmask 255.255.255.0 { }
                """);

        assertThat(containing(v, "198.51.100.7")).contains("198.51.100.7/32");
        assertThat(containing(v, "198.51.100.8")).contains("198.51.100.0/24");
        assertThat(containing(v, "203.0.113.1")).contains("0.0.0.0/0");
        assertThat(containing(v, "255.255.255.255")).contains("0.0.0.0/0");
        assertThat(containing(v, "0.0.0.0")).contains("0.0.0.0/0");
    }

    @Test
    void emptyConfigurationContainsNothing() throws Exception {
        ConfigView v = view("option domain-name \"example.test\";\n");

        assertThat(containing(v, "10.0.0.1")).isEmpty();
        assertThat(v.subnet("10.0.0.0/8")).isEmpty();
    }

    @Test
    void indexAgreesWithTheLinearLongestPrefixSearchEverywhere() throws Exception {
        StringBuilder text = new StringBuilder("""
                subnet 10.0.0.0 netmask 255.0.0.0 { }
                subnet 10.1.0.0 netmask 255.255.0.0 { }
                subnet 172.16.0.0 netmask 255.240.0.0 { }
                subnet 172.20.0.0 netmask 255.255.0.0 { }
                subnet 172.20.5.64 netmask 255.255.255.192 { }
                subnet 192.168.0.0 netmask 255.255.0.0 { }
                """);
        for (int i = 0; i < 64; i++) {
            text.append("subnet 10.1.").append(i * 4).append(".0 netmask 255.255.252.0 { }\n");
            text.append("subnet 192.168.").append(i).append(".0 netmask 255.255.255.0 { }\n");
        }
        DhcpConfig config = ConfigParser.parse("many.conf", text.toString());
        ConfigView v = new ConfigView(config);

        List<Long> probes = new ArrayList<>();
        for (SubnetDecl s : config.subnets()) {
            long first = s.network();
            long last = first | (~s.netmask() & 0xffffffffL);
            probes.add(first);
            probes.add(last);
            probes.add((first - 1) & 0xffffffffL);
            probes.add((last + 1) & 0xffffffffL);
        }
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            // half anywhere, half in the interesting ranges
            long a = random.nextBoolean() ? random.nextLong() & 0xffffffffL
                    : (i % 3 == 0 ? 0x0a000000L : i % 3 == 1 ? 0xac100000L : 0xc0a80000L) | random.nextInt(1 << 20);
            probes.add(a);
        }
        for (long a : probes) {
            assertThat(v.subnetContaining(a)).as(Ipv4.format(a)).isEqualTo(linearLongestPrefix(config, a));
        }
    }

    // ---- subnet(id) ------------------------------------------------------------------------------

    @Test
    void subnetByIdFindsEveryDeclaredSubnetAndNothingElse() throws Exception {
        DhcpConfig config = ConfigParser.parse("ids.conf", """
                subnet 10.0.0.0 netmask 255.0.0.0 { }
                shared-network campus {
                  subnet 10.1.0.0 netmask 255.255.0.0 { }
                }
                """);
        ConfigView v = new ConfigView(config);

        for (SubnetDecl s : config.subnets()) {
            assertThat(v.subnet(s.id())).containsSame(s);
        }
        assertThat(v.subnet("10.1.0.0/16").map(SubnetDecl::prefixLength)).contains(16);
        assertThat(v.subnet("10.1.0.0/24")).isEmpty();
        assertThat(v.subnet("10.1.0.0")).isEmpty();
        assertThat(v.subnet("")).isEmpty();
    }

    // ---- link(subnet) ----------------------------------------------------------------------------

    @Test
    void linkIsTheSubnetItselfFirstThenTheOtherSubnetsOfItsSharedNetworkInDeclarationOrder() throws Exception {
        DhcpConfig config = ConfigParser.parse("link.conf", """
                subnet 198.51.100.0 netmask 255.255.255.0 { }
                shared-network campus {
                  subnet 10.1.0.0 netmask 255.255.0.0 { }
                  subnet 10.2.0.0 netmask 255.255.0.0 { }
                  subnet 10.3.0.0 netmask 255.255.0.0 { }
                }
                shared-network lab {
                  subnet 172.16.1.0 netmask 255.255.255.0 { }
                  subnet 172.16.2.0 netmask 255.255.255.0 { }
                }
                """);
        ConfigView v = new ConfigView(config);
        SubnetDecl a = v.subnet("10.1.0.0/16").orElseThrow();
        SubnetDecl b = v.subnet("10.2.0.0/16").orElseThrow();
        SubnetDecl c = v.subnet("10.3.0.0/16").orElseThrow();

        assertThat(v.link(a)).extracting(SubnetDecl::id).containsExactly("10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16");
        assertThat(v.link(b)).extracting(SubnetDecl::id).containsExactly("10.2.0.0/16", "10.1.0.0/16", "10.3.0.0/16");
        assertThat(v.link(c)).extracting(SubnetDecl::id).containsExactly("10.3.0.0/16", "10.1.0.0/16", "10.2.0.0/16");
        assertThat(v.link(a).get(0)).isSameAs(a);
        assertThat(v.link(v.subnet("172.16.2.0/24").orElseThrow())).extracting(SubnetDecl::id)
                .containsExactly("172.16.2.0/24", "172.16.1.0/24");
        assertThat(v.link(v.subnet("198.51.100.0/24").orElseThrow())).extracting(SubnetDecl::id)
                .containsExactly("198.51.100.0/24");

        // the same as it was computed per call before: itself, then linkOf without itself
        for (SubnetDecl s : config.subnets()) {
            List<SubnetDecl> expected = new ArrayList<>(List.of(s));
            config.linkOf(s).stream().filter(o -> !o.id().equals(s.id())).forEach(expected::add);
            assertThat(v.link(s)).as(s.id()).containsExactlyElementsOf(expected);
            assertThat(v.link(s)).as("repeatable").isEqualTo(v.link(s));
        }
    }

    @Test
    void precomputedLinksAreSharedSoTheyCannotBeModified() throws Exception {
        ConfigView v = view("""
                shared-network campus {
                  subnet 10.1.0.0 netmask 255.255.0.0 { }
                  subnet 10.2.0.0 netmask 255.255.0.0 { }
                }
                """);
        SubnetDecl a = v.subnet("10.1.0.0/16").orElseThrow();
        SubnetDecl b = v.subnet("10.2.0.0/16").orElseThrow();
        List<SubnetDecl> link = v.link(a);

        assertThatThrownBy(() -> link.add(b)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> link.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(v.link(a)).extracting(SubnetDecl::id).containsExactly("10.1.0.0/16", "10.2.0.0/16");
    }

    @Test
    void linkOfASubnetFromAnotherConfigurationIsJustThatSubnet() throws Exception {
        ConfigView v = view("subnet 10.0.0.0 netmask 255.0.0.0 { }\n");
        SubnetDecl foreign = ConfigParser.parse("other.conf", """
                shared-network elsewhere {
                  subnet 198.51.100.0 netmask 255.255.255.0 { }
                  subnet 203.0.113.0 netmask 255.255.255.0 { }
                }
                """).subnets().get(0);

        assertThat(v.link(foreign)).containsExactly(foreign);
    }

    // ---- options(scopes) -------------------------------------------------------------------------

    private static final String OPTIONS_CONF = """
            option domain-name "global.test";
            option routers 10.0.0.1;
            option domain-name-servers 10.0.0.53;
            option ntp-servers 10.0.0.123;
            shared-network campus {
              option ntp-servers 10.9.0.123;
              subnet 10.1.0.0 netmask 255.255.0.0 {
                option routers 10.1.0.1;
                pool {
                  range 10.1.0.10 10.1.0.20;
                  option domain-name-servers 10.1.0.53;
                }
              }
              subnet 10.2.0.0 netmask 255.255.0.0 {
                option routers 10.2.0.1;
                option log-servers 10.2.0.5;
              }
            }
            host printer {
              hardware ethernet 02:00:00:00:00:01;
              option domain-name "host.test";
            }
            """;

    private static DhcpOption address(int code, String a) {
        return DhcpOption.ofAddress(code, Ipv4.of(Ipv4.parse(a)));
    }

    @Test
    void innerScopesWinInTheDocumentedOrder() throws Exception {
        ConfigView v = new ConfigView(ConfigParser.parse("m.conf", """
                default-lease-time 100;
                max-lease-time 1000;
                option domain-name "global";
                option host-name "global";
                option root-path "global";
                option tftp-server-name "global";
                option bootfile-name "global";
                class "c" { match if option vendor-class-identifier = "c"; option host-name "class"; default-lease-time 300; }
                group {
                  option domain-name "group";
                  option root-path "group";
                  shared-network n {
                    option root-path "shared";
                    option tftp-server-name "shared";
                    subnet 10.0.0.0 netmask 255.255.255.0 {
                      option tftp-server-name "subnet";
                      option bootfile-name "subnet";
                      pool { range 10.0.0.10 10.0.0.20; option bootfile-name "pool"; max-lease-time 500; }
                    }
                  }
                }
                host h { hardware ethernet 00:00:00:00:00:01; option host-name "host"; }
                """));
        SubnetDecl subnet = v.config().subnets().get(0);
        Classifier classifier = new Classifier(v.config());
        Classification hostAndClass = classifier.classify(FakePacket.ethernet("00:00:00:00:00:01").with(60, "c"));
        Classification classOnly = classifier.classify(FakePacket.ethernet("00:00:00:00:00:02").with(60, "c"));

        List<Params> p = v.scopes(Optional.of(subnet), Optional.of(subnet.pools().get(0)), hostAndClass.params(),
                hostAndClass.host(), null);
        List<Params> q = v.scopes(Optional.of(subnet), Optional.empty(), classOnly.params(), classOnly.host(), null);

        DhcpOptions po = v.options(p);
        DhcpOptions qo = v.options(q);
        assertThat(po.text(15)).contains("group");
        assertThat(po.text(17)).contains("shared");
        assertThat(po.text(66)).contains("subnet");
        assertThat(po.text(67)).contains("pool");
        assertThat(po.text(12)).contains("host");
        assertThat(qo.text(12)).contains("class");
        assertThat(qo.text(67)).contains("subnet");
        assertThat(ConfigView.number(p, "default-lease-time")).contains(300L);
        assertThat(ConfigView.number(p, "max-lease-time")).contains(500L);
        assertThat(ConfigView.number(q, "max-lease-time")).contains(1000L);
    }

    @Test
    void aGroupInsideASharedNetworkWinsOverIt() throws Exception {
        ConfigView v = new ConfigView(ConfigParser.parse("g.conf", """
                shared-network n {
                  option domain-name "shared";
                  option root-path "shared";
                  group {
                    option root-path "inner-group";
                    subnet 10.0.0.0 netmask 255.255.255.0 { range 10.0.0.10 10.0.0.20; }
                  }
                  subnet 10.0.1.0 netmask 255.255.255.0 { }
                }
                """));
        SubnetDecl grouped = v.config().subnets().stream().filter(s -> s.id().equals("10.0.0.0/24")).findFirst().orElseThrow();
        SubnetDecl plain = v.config().subnets().stream().filter(s -> s.id().equals("10.0.1.0/24")).findFirst().orElseThrow();
        DhcpOptions o = v.options(v.scopes(Optional.of(grouped), Optional.empty(), List.of(), Optional.empty(), null));
        DhcpOptions p = v.options(v.scopes(Optional.of(plain), Optional.empty(), List.of(), Optional.empty(), null));
        assertThat(o.text(15)).contains("shared");
        assertThat(o.text(17)).contains("inner-group");
        assertThat(p.text(17)).contains("shared");
        assertThat(v.link(grouped)).extracting(SubnetDecl::id).containsExactly("10.0.0.0/24", "10.0.1.0/24");
    }

    @Test
    void aSharedNetworkInsideAGroupInsideASharedNetworkIsRefused() {
        assertThatThrownBy(() -> ConfigParser.parse("g.conf", """
                shared-network a { group { shared-network b { } } }
                """)).hasMessageContaining("g.conf:1:").hasMessageContaining("not allowed inside shared-network");
    }

    @Test
    void aSharedNetworkWinsOverTheGroupAroundIt() throws Exception {
        ConfigView v = new ConfigView(ConfigParser.parse("g.conf", """
                group {
                  option domain-name "outer-group";
                  option root-path "outer-group";
                  shared-network n {
                    option root-path "shared";
                    subnet 10.0.0.0 netmask 255.255.255.0 { option domain-name "subnet"; }
                  }
                }
                """));
        SubnetDecl subnet = v.config().subnets().get(0);
        DhcpOptions o = v.options(v.scopes(Optional.of(subnet), Optional.empty(), List.of(), Optional.empty(), null));
        assertThat(o.text(17)).contains("shared");
        assertThat(o.text(15)).contains("subnet");
    }

    @Test
    void laterScopesReplaceEarlierOnesInFirstConfiguredOrder() throws Exception {
        DhcpConfig config = ConfigParser.parse("options.conf", OPTIONS_CONF);
        ConfigView v = new ConfigView(config);
        SubnetDecl s1 = v.subnet("10.1.0.0/16").orElseThrow();
        PoolDecl pool = s1.pools().get(0);
        HostDecl host = config.hosts().get(0);

        List<Params> all = v.scopes(Optional.of(s1), Optional.of(pool), List.of(), Optional.of(host), null);
        DhcpOptions o = v.options(all);

        assertThat(o.all()).extracting(DhcpOption::code).containsExactly(15, 3, 6, 42);
        assertThat(o.text(15)).contains("host.test");
        assertThat(o.get(3)).contains(address(3, "10.1.0.1"));
        assertThat(o.get(6)).contains(address(6, "10.1.0.53"));
        assertThat(o.get(42)).contains(address(42, "10.9.0.123"));
        assertThat(o).isEqualTo(ConfigView.mergeOptions(all));

        List<Params> globalOnly = v.scopes(Optional.empty(), Optional.empty(), List.of(), Optional.empty(), null);
        DhcpOptions g = v.options(globalOnly);
        assertThat(g.all()).extracting(DhcpOption::code).containsExactly(15, 3, 6, 42);
        assertThat(g.text(15)).contains("global.test");
        assertThat(g.get(3)).contains(address(3, "10.0.0.1"));
        assertThat(g.get(6)).contains(address(6, "10.0.0.53"));
        assertThat(g.get(42)).contains(address(42, "10.0.0.123"));
    }

    @Test
    void optionsEqualTheFreshMergeForEveryChainOfTheConfiguration() throws Exception {
        DhcpConfig config = ConfigParser.parse("options.conf", OPTIONS_CONF);
        ConfigView v = new ConfigView(config);
        HostDecl host = config.hosts().get(0);

        List<List<Params>> chains = new ArrayList<>();
        chains.add(v.scopes(Optional.empty(), Optional.empty(), List.of(), Optional.empty(), null));
        chains.add(v.scopes(Optional.empty(), Optional.empty(), List.of(), Optional.of(host), null));
        for (SubnetDecl s : config.subnets()) {
            chains.add(v.scopes(Optional.of(s), Optional.empty(), List.of(), Optional.empty(), null));
            chains.add(v.scopes(Optional.of(s), Optional.empty(), List.of(), Optional.of(host), null));
            for (PoolDecl p : s.pools()) {
                chains.add(v.scopes(Optional.of(s), Optional.of(p), List.of(), Optional.empty(), null));
                chains.add(v.scopes(Optional.of(s), Optional.of(p), List.of(), Optional.of(host), null));
            }
        }
        // twice round, interleaved, so that later lookups hit what earlier ones cached
        for (int round = 0; round < 2; round++) {
            for (List<Params> chain : chains) {
                assertThat(v.options(chain)).as("round %d, chain %s", round, chain).isEqualTo(ConfigView.mergeOptions(chain));
            }
        }
    }

    @Test
    void theSameChainIsMemoizedAndAnotherChainGetsItsOwnResult() throws Exception {
        DhcpConfig config = ConfigParser.parse("options.conf", OPTIONS_CONF);
        ConfigView v = new ConfigView(config);
        SubnetDecl s1 = v.subnet("10.1.0.0/16").orElseThrow();
        SubnetDecl s2 = v.subnet("10.2.0.0/16").orElseThrow();

        List<Params> chain1 = v.scopes(Optional.of(s1), Optional.empty(), List.of(), Optional.empty(), null);
        List<Params> chain2 = v.scopes(Optional.of(s2), Optional.empty(), List.of(), Optional.empty(), null);
        assertThat(chain1).hasSameSizeAs(chain2);

        DhcpOptions first = v.options(chain1);
        DhcpOptions second = v.options(chain2);
        // a new list holding the same Params instances is the same chain
        assertThat(v.options(new ArrayList<>(chain1))).isSameAs(first);
        assertThat(v.options(List.copyOf(chain2))).isSameAs(second);

        assertThat(first.get(3)).contains(address(3, "10.1.0.1"));
        assertThat(first.contains(7)).isFalse();
        assertThat(second.get(3)).contains(address(3, "10.2.0.1"));
        assertThat(second.get(7)).contains(address(7, "10.2.0.5"));
        assertThat(v.options(chain1)).isEqualTo(ConfigView.mergeOptions(chain1));
        assertThat(v.options(chain2)).isEqualTo(ConfigView.mergeOptions(chain2));

        // a prefix of a chain is a different chain
        List<Params> prefix = chain1.subList(0, chain1.size() - 1);
        assertThat(v.options(prefix).get(3)).contains(address(3, "10.0.0.1"));
        // the same scopes in another order are a different chain: the last one wins
        List<Params> reversed = new ArrayList<>(chain1);
        java.util.Collections.reverse(reversed);
        assertThat(v.options(reversed).get(3)).contains(address(3, "10.0.0.1"));
        assertThat(v.options(reversed)).isEqualTo(ConfigView.mergeOptions(reversed));
        assertThat(v.options(chain1).get(3)).contains(address(3, "10.1.0.1"));
    }

    @Test
    void aListChangedAfterALookupIsLookedUpAsTheNewChain() throws Exception {
        DhcpConfig config = ConfigParser.parse("options.conf", OPTIONS_CONF);
        ConfigView v = new ConfigView(config);
        HostDecl host = config.hosts().get(0);
        List<Params> chain = new ArrayList<>(v.scopes(Optional.empty(), Optional.empty(), List.of(), Optional.empty(), null));

        assertThat(v.options(chain).text(15)).contains("global.test");
        chain.add(host.params());
        assertThat(v.options(chain).text(15)).contains("host.test");
        chain.remove(chain.size() - 1);
        assertThat(v.options(chain).text(15)).contains("global.test");
    }

    @Test
    void equalContentInDistinctParamsInstancesStillMergesCorrectly() throws Exception {
        // per-packet chains (resolved conditionals) are new Params objects: each must be merged on its own
        DhcpConfig config = ConfigParser.parse("options.conf", OPTIONS_CONF);
        ConfigView v = new ConfigView(config);
        Params global = config.global();
        SubnetDecl s1 = v.subnet("10.1.0.0/16").orElseThrow();
        SubnetDecl s2 = v.subnet("10.2.0.0/16").orElseThrow();

        for (int i = 0; i < 50; i++) {
            SubnetDecl s = i % 2 == 0 ? s1 : s2;
            Params copy = new Params(s.params().options(), s.params().parameters());
            List<Params> chain = List.of(global, copy);
            DhcpOptions o = v.options(chain);
            assertThat(o).isEqualTo(ConfigView.mergeOptions(chain));
            assertThat(o.get(3)).contains(address(3, i % 2 == 0 ? "10.1.0.1" : "10.2.0.1"));
        }
        assertThat(v.options(List.of())).isEqualTo(DhcpOptions.empty());
        assertThat(v.options(List.of(Params.EMPTY))).isEqualTo(DhcpOptions.empty());
    }

    @Test
    void memoizedResultsDoNotLeakBetweenViewsOfDifferentConfigurations() throws Exception {
        ConfigView one = view("option domain-name \"one.test\";\n");
        ConfigView two = view("option domain-name \"two.test\";\n");
        List<Params> c1 = one.scopes(Optional.empty(), Optional.empty(), List.of(), Optional.empty(), null);
        List<Params> c2 = two.scopes(Optional.empty(), Optional.empty(), List.of(), Optional.empty(), null);

        assertThat(one.options(c1).text(15)).contains("one.test");
        assertThat(two.options(c2).text(15)).contains("two.test");
        assertThat(one.options(c1).text(15)).contains("one.test");
    }

    @Test
    void concurrentLookupsAllSeeTheMergedOptions() throws Exception {
        DhcpConfig config = ConfigParser.parse("options.conf", OPTIONS_CONF);
        ConfigView v = new ConfigView(config);
        HostDecl host = config.hosts().get(0);
        List<List<Params>> chains = new ArrayList<>();
        for (SubnetDecl s : config.subnets()) {
            chains.add(v.scopes(Optional.of(s), Optional.empty(), List.of(), Optional.empty(), null));
            chains.add(v.scopes(Optional.of(s), Optional.empty(), List.of(), Optional.of(host), null));
        }
        List<DhcpOptions> expected = chains.stream().map(ConfigView::mergeOptions).toList();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                runs.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        int k = (i + offset) % chains.size();
                        assertThat(v.options(chains.get(k))).isEqualTo(expected.get(k));
                    }
                }, pool));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdown();
        }
    }
}
