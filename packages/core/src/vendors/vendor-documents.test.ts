import { VENDOR_DOCUMENT_MAX_BYTES } from '@agora/contracts';
import type { FileStorage, StoredFile } from '@agora/files';
import { tinyJpeg, tinyPng } from '@agora/testing';
import { describe, expect, it } from 'vitest';
import {
  checkVendorDocuments,
  cleanFilename,
  sniffDocumentType,
  storeVendorDocuments,
} from './vendor-documents.js';

const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
const doc = (filename: string, bytes: Uint8Array) => ({ filename, bytes });

describe('vendor documents', () => {
  it('reads the type from the bytes, not the name', () => {
    expect(sniffDocumentType(pdf)?.contentType).toBe('application/pdf');
    expect(sniffDocumentType(tinyPng())?.ext).toBe('png');
    expect(sniffDocumentType(tinyJpeg())?.ext).toBe('jpg');
    expect(sniffDocumentType(new Uint8Array([0x4d, 0x5a, 0x90, 0x00]))).toBeNull(); // MZ: a Windows .exe
    expect(sniffDocumentType(new TextEncoder().encode('just text'))).toBeNull();
    const checked = checkVendorDocuments([doc('scan.pdf', tinyPng())], { min: 1 });
    expect(checked.issues).toEqual([]);
    expect(checked.documents[0]).toMatchObject({
      filename: 'scan.pdf',
      contentType: 'image/png',
      ext: 'png',
    });
  });

  it('names each bad file and the count problems', () => {
    const big = new Uint8Array(VENDOR_DOCUMENT_MAX_BYTES + 1);
    big.set(pdf);
    const { issues, documents } = checkVendorDocuments(
      [
        doc('a.pdf', pdf),
        doc('setup.exe', new Uint8Array([0x4d, 0x5a])),
        doc('big.pdf', big),
        doc('e.pdf', new Uint8Array()),
      ],
      { min: 1 },
    );
    expect(documents).toHaveLength(1);
    expect(issues).toEqual([
      { path: 'documents.1', message: expect.stringMatching(/setup\.exe is not a PDF, PNG or JPEG/) },
      { path: 'documents.2', message: expect.stringMatching(/big\.pdf is 5\.0 MB; the limit is 5 MB/) },
      { path: 'documents.3', message: expect.stringMatching(/empty/) },
    ]);
    expect(checkVendorDocuments([], { min: 1 }).issues).toEqual([
      { path: 'documents', message: expect.stringMatching(/at least 1/) },
    ]);
    const six = Array.from({ length: 6 }, (_, i) => doc(`${i}.pdf`, pdf));
    expect(checkVendorDocuments(six, { min: 1 }).issues).toEqual([
      { path: 'documents', message: 'attach at most 5 documents' },
    ]);
    expect(checkVendorDocuments(six.slice(0, 3), { min: 1, roomLeft: 2 }).issues[0]?.message).toMatch(
      /only 2 more documents/,
    );
  });

  it('keeps only the base name of an uploaded file', () => {
    expect(cleanFilename('C:\\Users\\me\\scan.pdf', 'pdf')).toBe('scan.pdf');
    expect(cleanFilename('../../etc/passwd', 'pdf')).toBe('passwd');
    expect(cleanFilename('', 'png')).toBe('document.png');
  });

  it('deletes what it stored when a later write fails', async () => {
    const files = new Map<string, StoredFile>();
    let puts = 0;
    const storage: FileStorage = {
      async put(key, bytes, contentType) {
        if (++puts === 3) throw new Error('disk full');
        files.set(key, { bytes, contentType });
      },
      async get(key) {
        return files.get(key) ?? null;
      },
      async delete(key) {
        files.delete(key);
      },
      async exists(key) {
        return files.has(key);
      },
    };
    const { documents } = checkVendorDocuments(
      [doc('a.pdf', pdf), doc('b.png', tinyPng()), doc('c.pdf', pdf)],
      {
        min: 1,
      },
    );
    await expect(storeVendorDocuments(storage, 'ten_x', 'ven_y', documents)).rejects.toThrow('disk full');
    expect(files.size).toBe(0);
    puts = 10;
    const stored = await storeVendorDocuments(storage, 'ten_x', 'ven_y', documents.slice(0, 2));
    expect(stored.map((s) => s.fileKey)).toEqual([
      expect.stringMatching(/^tenants\/ten_x\/vendors\/ven_y\/doc_\w+\.pdf$/),
      expect.stringMatching(/^tenants\/ten_x\/vendors\/ven_y\/doc_\w+\.png$/),
    ]);
    expect(files.size).toBe(2);
  });
});
