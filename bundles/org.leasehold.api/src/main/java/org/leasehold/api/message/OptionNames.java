package org.leasehold.api.message;

/** The ISC dhcpd (dhcp-options(5)) names of the standard DHCPv4 options, by code. */
final class OptionNames {
    private static final String NAMES = String.join(",",
        "0=pad", "1=subnet-mask", "2=time-offset", "3=routers", "4=time-servers",
        "5=ien116-name-servers", "6=domain-name-servers", "7=log-servers", "8=cookie-servers",
        "9=lpr-servers", "10=impress-servers", "11=resource-location-servers", "12=host-name",
        "13=boot-size", "14=merit-dump", "15=domain-name", "16=swap-server", "17=root-path",
        "18=extensions-path", "19=ip-forwarding", "20=non-local-source-routing", "21=policy-filter",
        "22=max-dgram-reassembly", "23=default-ip-ttl", "24=path-mtu-aging-timeout",
        "25=path-mtu-plateau-table", "26=interface-mtu", "27=all-subnets-local",
        "28=broadcast-address", "29=perform-mask-discovery", "30=mask-supplier",
        "31=router-discovery", "32=router-solicitation-address", "33=static-routes",
        "34=trailer-encapsulation", "35=arp-cache-timeout", "36=ieee802-3-encapsulation",
        "37=default-tcp-ttl", "38=tcp-keepalive-interval", "39=tcp-keepalive-garbage",
        "40=nis-domain", "41=nis-servers", "42=ntp-servers", "43=vendor-encapsulated-options",
        "44=netbios-name-servers", "45=netbios-dd-server", "46=netbios-node-type",
        "47=netbios-scope", "48=font-servers", "49=x-display-manager",
        "50=dhcp-requested-address", "51=dhcp-lease-time", "52=dhcp-option-overload",
        "53=dhcp-message-type", "54=dhcp-server-identifier", "55=dhcp-parameter-request-list",
        "56=dhcp-message", "57=dhcp-max-message-size", "58=dhcp-renewal-time",
        "59=dhcp-rebinding-time", "60=vendor-class-identifier", "61=dhcp-client-identifier",
        "62=nwip-domain", "63=nwip-suboptions", "64=nisplus-domain", "65=nisplus-servers",
        "66=tftp-server-name", "67=bootfile-name", "68=mobile-ip-home-agent", "69=smtp-server",
        "70=pop-server", "71=nntp-server", "72=www-server", "73=finger-server", "74=irc-server",
        "75=streettalk-server", "76=streettalk-directory-assistance-server", "77=user-class",
        "78=slp-directory-agent", "79=slp-service-scope", "80=rapid-commit", "81=fqdn",
        "82=relay-agent-information", "85=nds-servers", "86=nds-tree-name", "87=nds-context",
        "88=bcms-controller-names", "89=bcms-controller-address", "90=authenticate",
        "91=client-last-transaction-time", "92=associated-ip", "93=pxe-system-type",
        "94=pxe-interface-id", "97=pxe-client-id", "98=uap-servers", "99=geoconf-civic",
        "100=pcode", "101=tcode", "108=v6-only-preferred", "112=netinfo-server-address",
        "113=netinfo-server-tag", "114=default-url", "116=auto-config", "117=name-service-search",
        "118=subnet-selection", "119=domain-search", "120=sip-servers",
        "121=classless-static-routes", "124=vivco", "125=vivso", "136=pana-agent", "137=v4-lost",
        "138=capwap-ac-v4", "141=sip-ua-cs-domains", "142=ipv4-address-andsf", "145=forcerenew-nonce-capable",
        "146=rdnss-selection", "150=tftp-server-address", "159=v4-portparams", "160=v4-captive-portal",
        "208=pxelinux-magic", "209=loader-configfile", "210=loader-pathprefix",
        "211=loader-reboottime", "212=option-6rd", "213=v4-access-domain", "255=end");

    private OptionNames() {
    }

    static String[] standardNames() {
        String[] names = new String[256];
        for (String pair : NAMES.split(",")) {
            int eq = pair.indexOf('=');
            names[Integer.parseInt(pair.substring(0, eq))] = pair.substring(eq + 1);
        }
        return names;
    }
}
