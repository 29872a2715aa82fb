/**
 * The wire types of sync-protocol.md as this workstation writes and reads them. Written for this
 * module alone: the reference central system has its own, so an encoding bug on one side is caught
 * by the other. Requests omit absent optional fields; responses ignore unknown fields.
 */
package jp.madoguchi.cache.protocol;
