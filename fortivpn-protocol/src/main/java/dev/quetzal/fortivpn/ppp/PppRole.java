package dev.quetzal.fortivpn.ppp;

/** Which side of the FortiGate tunnel an endpoint plays; the negotiation policies differ. */
public enum PppRole {
    /** The fortivpn backend (like OpenConnect or openfortivpn). */
    CLIENT,
    /** The FortiGate (the emulator). */
    SERVER
}
