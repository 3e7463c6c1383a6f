/**
 * MCAP container I/O: the writer (chunked, none/lz4/zstd, message indexes, summary, CRCs), the reader (summary or
 * linear scan, CRC checks, time-ordered messages), recovery of cut-off files, and the ROS 1 profile adapters that
 * let MCAP files stand wherever a rosbag does. The container itself is encoding-agnostic: payloads are raw bytes.
 */
package org.liquidpilot.bags.mcap;
