import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { createGzip } from "node:zlib";
import { pipeline } from "node:stream/promises";
import * as tar from "tar-stream";
import { afterAll, describe, expect, it } from "vitest";
import { review } from "./encoded";
import { loadImdb } from "./load";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "treino-imdb-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const WORD_INDEX = { the: 1, and: 2, a: 3, great: 40, movie: 17, bad: 75, br: 7 };

/** A tiny archive in the official layout, with an unlabelled review that must be skipped. */
async function makeArchive(dir: string, name = "aclImdb_v1.tar.gz"): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const pack = tar.pack();
  const files: Record<string, string> = {
    "aclImdb/README": "readme",
    "aclImdb/train/pos/3_9.txt": "A great movie!",
    "aclImdb/train/pos/1_10.txt": "The movie<br />the great.",
    "aclImdb/train/neg/2_1.txt": "A bad, BAD movie",
    "aclImdb/train/unsup/5_0.txt": "unlabelled",
    "aclImdb/test/neg/0_2.txt": "bad and unknownword",
    "aclImdb/test/pos/4_8.txt": "great",
  };
  for (const [n, body] of Object.entries(files)) pack.entry({ name: n }, body);
  pack.finalize();
  await pipeline(pack, createGzip(), fs.createWriteStream(path.join(dir, name)));
  fs.writeFileSync(path.join(dir, "imdb_word_index.json"), JSON.stringify(WORD_INDEX));
}

const noDownload = { archiveUrl: "http://127.0.0.1:9/none.tar.gz", wordIndexUrl: "http://127.0.0.1:9/none.json" };

describe("loadImdb", () => {
  it("encodes a configured folder the Keras way, sorted by label and id, and caches it", async () => {
    const src = path.join(tmp, "configured");
    await makeArchive(src);
    const cacheDir = path.join(tmp, "cache1");
    const data = await loadImdb({ dirs: [src], cacheDir, ...noDownload });
    expect(data.train.labels.length).toBe(3);
    expect(Array.from(data.train.labels)).toEqual([0, 1, 1]);
    expect(Array.from(review(data.train, 0))).toEqual([1, 6, 78, 78, 20]); // a bad bad movie
    expect(Array.from(review(data.train, 1))).toEqual([1, 4, 20, 10, 4, 43]); // id 1: the movie br the great
    expect(Array.from(review(data.test, 0))).toEqual([1, 78, 5]);
    const cached = fs.readdirSync(path.join(cacheDir, "imdb")).filter((f) => f.endsWith(".bin"));
    expect(cached).toHaveLength(1);

    // With the source gone, the cached encoding is used as it is.
    fs.rmSync(src, { recursive: true });
    const again = await loadImdb({ dirs: [src], cacheDir, ...noDownload, archiveUrl: "http://127.0.0.1:9/other" });
    expect(Array.from(again.train.ids)).toEqual(Array.from(data.train.ids));
  });

  it("downloads the official files when no folder has them", async () => {
    const served = path.join(tmp, "served");
    await makeArchive(served);
    let requests = 0;
    const server = http.createServer((req, res) => {
      requests++;
      const file = path.join(served, path.basename(req.url ?? ""));
      if (!fs.existsSync(file)) return res.writeHead(404).end();
      res.writeHead(200);
      fs.createReadStream(file).pipe(res);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    try {
      const data = await loadImdb({
        dirs: [path.join(tmp, "absent")],
        cacheDir: path.join(tmp, "cache2"),
        archiveUrl: `http://127.0.0.1:${port}/aclImdb_v1.tar.gz`,
        wordIndexUrl: `http://127.0.0.1:${port}/imdb_word_index.json`,
      });
      expect(requests).toBe(2);
      expect(data.test.labels.length).toBe(2);
    } finally {
      server.close();
    }
  });

  it("explains where it looked when nothing can be found or downloaded", async () => {
    await expect(loadImdb({ dirs: [path.join(tmp, "nowhere")], cacheDir: path.join(tmp, "cache3"), ...noDownload })).rejects.toThrow(/TREINO_IMDB_DIR/);
  });
});
