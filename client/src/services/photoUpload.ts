import {
  type ContractOutput,
  completePhotoUpload,
  createPhotoUpload,
  MAX_PHOTO_BYTES,
  type PhotoContentType,
  type PhotoOwner,
} from '@ankang/shared';
import { PhotoError, putBytes, readPhoto } from '../platform/photos';
import { call } from './api';
import { ApiError } from './errors';
import { newRequestId } from './stations';

export type PhotoUploadResult = ContractOutput<typeof completePhotoUpload>;

/** The type by the file's first bytes (the server checks them too), not by a name or a guess. */
export function sniffContentType(bytes: ArrayBuffer): PhotoContentType | null {
  const b = new Uint8Array(bytes.slice(0, 12));
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  const text = (from: number, to: number) => String.fromCharCode(...b.slice(from, to));
  if (text(0, 4) === 'RIFF' && text(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** A local photo that can never be sent: the entry fails and says why (no retry by itself). */
const unusable = (message: string) => new ApiError('PHOTO_INVALID', { status: 422, message });

async function readKept(ref: string): Promise<ArrayBuffer> {
  try {
    return await readPhoto(ref);
  } catch (error) {
    if (error instanceof PhotoError && error.reason === 'missing') {
      throw unusable('手机上的照片文件已丢失，请删除这条照片记录');
    }
    throw error;
  }
}

/** A new photo's id (`ph_` + a UUID without dashes): a retried upload names the same photo. */
export const newPhotoId = () => `ph_${newRequestId().replace(/-/g, '')}`;

/**
 * Sends one kept photo of any owner (a delivery, a station's gallery, a problem report): asks for
 * a presigned PUT, puts the bytes, asks the API to check and keep them. Each step repeats safely:
 * the same photo id gets a fresh upload URL, the same bytes overwrite the same object, and
 * completing twice answers alike. The phone's copy stays: on WeChat it is what the form's
 * thumbnail shows until the record the photo belongs to is saved, so the caller deletes it then.
 */
export async function sendPhoto(photo: {
  id: string;
  owner: PhotoOwner;
  ref: string;
}): Promise<PhotoUploadResult> {
  const bytes = await readKept(photo.ref);
  const contentType = sniffContentType(bytes);
  if (!contentType) throw unusable('照片格式无法识别，请删除后重新拍摄');
  if (bytes.byteLength > MAX_PHOTO_BYTES) throw unusable('照片超过 5 MB，请删除后重新拍摄');
  const ticket = await call(createPhotoUpload, {
    body: {
      id: photo.id,
      owner: photo.owner,
      contentType,
      size: bytes.byteLength,
    },
  });
  if (ticket.state !== 'landed') {
    let status: number;
    try {
      status = await putBytes(ticket.uploadUrl, bytes, ticket.headers);
    } catch (error) {
      throw new ApiError('NETWORK', { cause: error });
    }
    // An expired URL or a storage hiccup: the outbox tries again later with a fresh URL.
    if (status < 200 || status >= 300) throw new ApiError('INTERNAL', { status: 503 });
  }
  let done: PhotoUploadResult;
  try {
    done = await call(completePhotoUpload, { params: { id: photo.id } });
  } catch (error) {
    // The PUT answered but the object is not there yet: send it all again later.
    if (error instanceof ApiError && error.code === 'PHOTO_NOT_UPLOADED') {
      throw new ApiError('PHOTO_NOT_UPLOADED', { status: 503, message: error.message, cause: error });
    }
    throw error;
  }
  return done;
}
