// Lists what @mcap/core's indexed reader finds in an MCAP file, one line per fact, in a form the Java test builds
// from its own reader too: header, schemas, channels, statistics, then every message in log-time order with the
// SHA-256 of its payload. Usage: node read.mjs FILE.mcap
import { McapIndexedReader } from "@mcap/core";
import { loadDecompressHandlers } from "@mcap/support";
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");
const metadata = (m) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join(";");

const handle = await open(process.argv[2], "r");
const readable = {
  size: async () => BigInt((await handle.stat()).size),
  read: async (offset, size) => {
    const buffer = new Uint8Array(Number(size));
    const { bytesRead } = await handle.read(buffer, 0, Number(size), Number(offset));
    if (bytesRead !== Number(size)) throw new Error(`short read at ${offset}`);
    return buffer;
  },
};
const reader = await McapIndexedReader.Initialize({ readable, decompressHandlers: await loadDecompressHandlers() });
const out = [];
out.push(`header\t${reader.header.profile}\t${reader.header.library}`);
for (const s of [...reader.schemasById.values()].sort((a, b) => a.id - b.id)) out.push(`schema\t${s.id}\t${s.name}\t${s.encoding}\t${sha256(s.data)}`);
for (const c of [...reader.channelsById.values()].sort((a, b) => a.id - b.id)) {
  out.push(`channel\t${c.id}\t${c.schemaId}\t${c.topic}\t${c.messageEncoding}\t${metadata(c.metadata)}`);
}
out.push(`statistics\t${reader.statistics?.messageCount ?? "none"}\t${reader.chunkIndexes.length}`);
for await (const m of reader.readMessages()) {
  out.push(`message\t${m.channelId}\t${m.sequence}\t${m.logTime}\t${m.publishTime}\t${sha256(m.data)}`);
}
await handle.close();
process.stdout.write(out.join("\n") + "\n");
