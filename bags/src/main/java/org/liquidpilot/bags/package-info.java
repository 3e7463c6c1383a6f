/**
 * rosbag v2.0 files: reading (indexed, unindexed and damaged), writing with none/bz2/lz4 chunks, recovery, and the
 * recorder node. Depends on {@code org.liquidpilot.ros} alone; what the messages mean is for the modules above.
 */
package org.liquidpilot.bags;
