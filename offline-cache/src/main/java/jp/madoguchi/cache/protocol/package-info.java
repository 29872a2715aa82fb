/**
 * The wire types of sync-protocol.md as this workstation writes and reads them. Written for this
 * module alone: the reference central system has its own, so an encoding bug on one side is caught
 * by the other. Requests omit absent optional fields; responses ignore unknown fields. The drain's
 * two hot messages, the operations batch and its 200 answer, have no types here: {@code CentralClient}
 * writes the batch straight from the stored payload bytes and reads the answer as a stream.
 */
package jp.madoguchi.cache.protocol;
