package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.plugin.ikev2.crypto.DhGroup;
import dev.quetzal.plugin.ikev2.message.ConfigAttribute;
import dev.quetzal.plugin.ikev2.message.CpPayload;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.IkePayload;
import dev.quetzal.plugin.ikev2.message.NotifyPayload;
import dev.quetzal.plugin.ikev2.message.NotifyType;
import dev.quetzal.plugin.ikev2.message.SaPayload;
import dev.quetzal.plugin.ikev2.message.TrafficSelector;
import dev.quetzal.plugin.ikev2.message.TrafficSelector.AddressRange;
import dev.quetzal.plugin.ikev2.message.TsPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The first Child SA, negotiated inside IKE_AUTH (RFC 7296 §1.2, §2.9, §3.15), both roles. A failure here leaves
 * the IKE SA up and answers with the notify alone (§2.21.3).
 */
final class AuthChildSa {
    static final IpAddress V4_START = IpAddress.parse("0.0.0.0");
    static final IpAddress V4_END = IpAddress.parse("255.255.255.255");
    static final IpAddress V6_START = IpAddress.parse("::");
    static final IpAddress V6_END = IpAddress.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");

    private AuthChildSa() {
    }

    /** Responder: CP reply, SA, TSi, TSr; or the one notify saying why no Child SA was made. */
    static List<IkePayload> respond(IkeSaTable table, IkeSa sa, IkeMessage request) {
        Optional<CpPayload> cp = request.first(CpPayload.class).filter(c -> c.cfgType() == CpPayload.CFG_REQUEST);
        Optional<SaPayload> offer = request.first(SaPayload.class);
        Optional<TsPayload> tsi = request.payloadsOf(TsPayload.class).stream().filter(TsPayload::initiator).findFirst();
        Optional<TsPayload> tsr = request.payloadsOf(TsPayload.class).stream().filter(t -> !t.initiator()).findFirst();
        if (offer.isEmpty() || tsi.isEmpty() || tsr.isEmpty()) {
            table.counters().drop("child_refused_childless", sa + ": IKE_AUTH without SA/TSi/TSr, no Child SA");
            return List.of();
        }
        if (cp.isEmpty()) {
            return refuse(table, sa, NotifyType.FAILED_CP_REQUIRED, "no CFG_REQUEST, an inner address is required");
        }
        int ourSpi = table.newEspSpi();
        EspSelection selection = table.selector().selectEsp(offer.get(), OptionalInt.empty(), ourSpi);
        if (!(selection instanceof EspSelection.Chosen chosen)) {
            return refuse(table, sa, NotifyType.NO_PROPOSAL_CHOSEN, "ESP: " + selection);
        }
        ConfigurationReply reply = ConfigurationReply.answer(cp.get(), table.environment(), sa.identity);
        if (reply.reply().isEmpty()) {
            return refuse(table, sa, NotifyType.INTERNAL_ADDRESS_FAILURE, "no inner address available");
        }
        List<TrafficSelector> narrowedTsi = TrafficSelectors.narrowToAssigned(tsi.get().selectors(), reply.addresses());
        List<TrafficSelector> narrowedTsr = TrafficSelectors.narrowToRoutes(tsr.get().selectors(),
                table.environment().routes());
        if (narrowedTsi.isEmpty() || narrowedTsr.isEmpty()) {
            reply.addresses().forEach(table.environment()::release);
            return refuse(table, sa, NotifyType.TS_UNACCEPTABLE, "traffic selectors narrow to nothing");
        }
        sa.innerAddresses.addAll(reply.addresses());
        ChildSas.install(table, sa, chosen, ourSpi, sa.ni, sa.nr, null, false, narrowedTsr, narrowedTsi, 0,
                tsr.get().selectors());
        return List.of(reply.reply().get(), new SaPayload(chosen.answer()), new TsPayload(true, narrowedTsi),
                new TsPayload(false, narrowedTsr));
    }

    /** Initiator: CFG_REQUEST, the ESP offer and selectors for everything. */
    static List<IkePayload> request(IkeSaTable table, IkeSa sa) {
        sa.pendingChildSpi = table.newEspSpi();
        List<ConfigAttribute> ask = new ArrayList<>(List.of(ConfigAttribute.request(ConfigAttribute.INTERNAL_IP4_ADDRESS),
                ConfigAttribute.request(ConfigAttribute.INTERNAL_IP4_DNS)));
        List<TrafficSelector> all = new ArrayList<>(List.of(AddressRange.all(V4_START, V4_END)));
        if (table.config().requestIpv6()) {
            ask.add(ConfigAttribute.request(ConfigAttribute.INTERNAL_IP6_ADDRESS));
            ask.add(ConfigAttribute.request(ConfigAttribute.INTERNAL_IP6_DNS));
            all.add(AddressRange.all(V6_START, V6_END));
        }
        return List.of(new CpPayload(CpPayload.CFG_REQUEST, ask),
                table.selector().offerEsp(sa.pendingChildSpi, DhGroup.NONE), new TsPayload(true, all),
                new TsPayload(false, all));
    }

    /** Initiator: installs the Child SA the response describes; false (counted) when it has none or a bad one. */
    static boolean onResponse(IkeSaTable table, IkeSa sa, IkeMessage response) {
        Optional<SaPayload> answer = response.first(SaPayload.class);
        Optional<TsPayload> tsi = response.payloadsOf(TsPayload.class).stream().filter(TsPayload::initiator).findFirst();
        Optional<TsPayload> tsr = response.payloadsOf(TsPayload.class).stream().filter(t -> !t.initiator()).findFirst();
        if (answer.isEmpty() || tsi.isEmpty() || tsr.isEmpty()) {
            table.counters().drop("child_not_created", sa + ": IKE_AUTH response without a Child SA: "
                    + response.payloadsOf(NotifyPayload.class));
            return false;
        }
        Optional<EspSelection.Chosen> chosen = table.selector().acceptEsp(answer.get(), DhGroup.NONE);
        if (chosen.isEmpty()) {
            table.counters().drop("child_bad_answer", sa + ": ESP answer is not one of our proposals");
            return false;
        }
        response.first(CpPayload.class).filter(c -> c.cfgType() == CpPayload.CFG_REPLY).ifPresent(cp -> {
            cp.attributesOf(ConfigAttribute.INTERNAL_IP4_ADDRESS).forEach(a -> a.address().ifPresent(sa.innerAddresses::add));
            cp.attributesOf(ConfigAttribute.INTERNAL_IP6_ADDRESS).forEach(a -> a.address().ifPresent(sa.innerAddresses::add));
            cp.attributesOf(ConfigAttribute.INTERNAL_IP4_DNS).forEach(a -> a.address().ifPresent(sa.dnsServers::add));
            cp.attributesOf(ConfigAttribute.INTERNAL_IP6_DNS).forEach(a -> a.address().ifPresent(sa.dnsServers::add));
        });
        ChildSas.install(table, sa, chosen.get(), sa.pendingChildSpi, sa.ni, sa.nr, null, true, tsi.get().selectors(),
                tsr.get().selectors(), 0, null);
        return true;
    }

    private static List<IkePayload> refuse(IkeSaTable table, IkeSa sa, int notify, String reason) {
        table.counters().refuse("child_refused_" + NotifyType.name(notify).toLowerCase(java.util.Locale.ROOT),
                sa + ": " + reason);
        return List.of(NotifyPayload.of(notify));
    }
}
