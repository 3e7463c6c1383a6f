// Writes a ros1-profile MCAP file with @mcap/core's writer: /chatter (std_msgs/String, ROS 1 serialised "hello N")
// and /ticks (std_msgs/UInt32), COUNT messages each, in chunks of 4 KiB. COMPRESSION is none or zstd
// (@foxglove/wasm-zstd compresses; the lz4 package that @mcap/support uses only decompresses).
// Usage: node write.mjs OUT.mcap none|zstd COUNT
import { McapWriter } from "@mcap/core";
import zstd from "@foxglove/wasm-zstd";
import { openSync, writeSync, closeSync } from "node:fs";

const [file, compression, countText] = process.argv.slice(2);
const count = Number(countText);
if (compression !== "none" && compression !== "zstd") throw new Error(`compression ${compression}: none or zstd`);
await zstd.isLoaded;

const fd = openSync(file, "w");
let position = 0n;
const writable = {
  position: () => position,
  write: async (buffer) => {
    writeSync(fd, buffer);
    position += BigInt(buffer.byteLength);
  },
};
const writer = new McapWriter({
  writable,
  chunkSize: 4096,
  compressChunk: compression === "zstd" ? (data) => ({ compression: "zstd", compressedData: zstd.compress(data) }) : undefined,
});
const text = (s) => new TextEncoder().encode(s);
await writer.start({ profile: "ros1", library: "@mcap/core interop test" });
const stringSchema = await writer.registerSchema({ name: "std_msgs/String", encoding: "ros1msg", data: text("string data\n") });
const uintSchema = await writer.registerSchema({ name: "std_msgs/UInt32", encoding: "ros1msg", data: text("uint32 data\n") });
const chatter = await writer.registerChannel({
  topic: "/chatter", schemaId: stringSchema, messageEncoding: "ros1",
  metadata: new Map([["md5sum", "992ce8a1687cec8c8bd883ec73ca41d1"], ["callerid", "/talker"]]),
});
const ticks = await writer.registerChannel({
  topic: "/ticks", schemaId: uintSchema, messageEncoding: "ros1",
  metadata: new Map([["md5sum", "304a39449588c7f8ce2df6e8001c5fce"]]),
});
for (let i = 0; i < count; i++) {
  const t = 1_700_000_000_000_000_000n + BigInt(i) * 50_000_000n;
  const s = text(`hello ${i}`);
  const msg = new Uint8Array(4 + s.length);
  new DataView(msg.buffer).setUint32(0, s.length, true);
  msg.set(s, 4);
  await writer.addMessage({ channelId: chatter, sequence: i, logTime: t, publishTime: t, data: msg });
  const tick = new Uint8Array(4);
  new DataView(tick.buffer).setUint32(0, i, true);
  await writer.addMessage({ channelId: ticks, sequence: i, logTime: t + 1n, publishTime: t + 1n, data: tick });
}
await writer.end();
closeSync(fd);
