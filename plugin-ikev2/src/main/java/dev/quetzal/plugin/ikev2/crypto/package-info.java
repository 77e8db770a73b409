/**
 * IKEv2 cryptography, role-neutral (initiator and responder alike): typed transform identifiers and what is
 * supported ({@link dev.quetzal.plugin.ikev2.crypto.EncryptionAlgorithm} and its siblings, numbered by
 * {@link dev.quetzal.plugin.ikev2.message.TransformType}), the PRF and prf+ ({@link dev.quetzal.plugin.ikev2.crypto.Prf}),
 * the key schedule ({@link dev.quetzal.plugin.ikev2.crypto.KeySchedule}), ephemeral key exchange
 * ({@link dev.quetzal.plugin.ikev2.crypto.DiffieHellman}) and SK payload protection
 * ({@link dev.quetzal.plugin.ikev2.crypto.IkeCipher}). Bad peer input yields typed results
 * ({@link dev.quetzal.plugin.ikev2.crypto.DhResult}, {@link dev.quetzal.plugin.ikev2.crypto.DecryptResult}), never
 * exceptions; exceptions mean a programming error (an unsupported algorithm asked for). Secrets never appear in
 * toString. Everything runs on SunJCE/SunEC with heap arrays.
 */
package dev.quetzal.plugin.ikev2.crypto;
