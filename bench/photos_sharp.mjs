// The same derivatives as bantin's, made by sharp (libvips), for bench/photos.py.
//
//   node bench/photos_sharp.mjs JOBS.json OUT_DIR
//
// JOBS.json: [{source, outputs: [{path, width, height, format, crop}]}], written by bench/photos.py
// from bantin's own plan of the photos (the same widths, heights, formats and names). Each output is
// made the way sharp's users (Eleventy Image, Astro) make them: its own pipeline from the photo's
// bytes, read once per photo, so libvips shrinks the JPEG on load to what that output needs.
// Settings mirror bantin's `output/derivatives.py`: EXIF orientation applied (`rotate()`), colour
// converted to sRGB and every metadata dropped (sharp's default: no `withMetadata`), Lanczos 3,
// WebP quality 75 at effort 4 (Pillow's `method=4`), JPEG quality 75, progressive, optimised Huffman
// coding, 4:2:0 chroma; the social image cropped to its box around the centre (`fit: cover`).
// sharp runs as many photos at once as libuv's thread pool allows (4 by default), libvips using
// every core inside each: its defaults.
import { readFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(process.env.SHARP_DIR ? path.join(process.env.SHARP_DIR, "x.js") : import.meta.url);
const sharp = require("sharp");

const [jobsFile, outDir] = process.argv.slice(2);
const jobs = JSON.parse(await readFile(jobsFile, "utf8"));

function encoder(pipeline, format) {
  if (format === "webp") return pipeline.webp({ quality: 75, effort: 4 });
  if (format === "jpg") {
    return pipeline.jpeg({ quality: 75, progressive: true, optimiseCoding: true, chromaSubsampling: "4:2:0" });
  }
  if (format === "avif") return pipeline.avif({ quality: 75 });
  return pipeline.png({ compressionLevel: 9 });
}

async function makePhoto(job) {
  const data = await readFile(job.source);
  await Promise.all(job.outputs.map(async (out) => {
    const target = path.join(outDir, out.path);
    await mkdir(path.dirname(target), { recursive: true });
    const resized = sharp(data).rotate().resize(out.width, out.height,
      { kernel: "lanczos3", fit: out.crop ? "cover" : "fill", position: "centre" });
    await encoder(resized, out.format).toFile(target);
  }));
}

await Promise.all(jobs.map(makePhoto));
