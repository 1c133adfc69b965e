/**
 * The signaling protocol of PROTOCOL.md, version 1: one record per message behind the sealed
 * {@link dev.camrtc.protocol.Message} ({@link dev.camrtc.protocol.Addressed} for the relayed ones),
 * {@link dev.camrtc.protocol.MessageCodec} for JSON (decode never throws; a refusal carries the
 * {@link dev.camrtc.protocol.ErrorCode} to send back), and {@link dev.camrtc.protocol.MessageRules} for which
 * {@link dev.camrtc.protocol.Role} may send which type.
 */
package dev.camrtc.protocol;
