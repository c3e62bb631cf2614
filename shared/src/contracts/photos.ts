import { z } from 'zod';
import {
  photoIdSchema,
  photoUploadRequestSchema,
  photoUploadResultSchema,
  photoUploadTicketSchema,
  stationGalleryEditSchema,
  stationGallerySchema,
} from '../schemas/photo';
import { stationIdSchema } from '../schemas/station';
import { signedIn, staffOnly } from './access';
import { anySignedIn, staffOverRecord } from './authz';
import { defineContract } from './define';

/**
 * Photos are sent straight to the bucket, never through the API: the client asks for a presigned
 * PUT limited to one type and size, sends the bytes there, then asks the API to check and keep the
 * file. One piece for every owner: deliveries, stations' galleries, problem reports and suggestions.
 */
export const createPhotoUpload = defineContract({
  name: 'createPhotoUpload',
  summary: '申请上传一张照片：返回限定类型和大小的上传地址（同一编号重试得到新的地址，内容不同则拒绝）',
  method: 'POST',
  path: '/photos/uploads',
  // Report and suggestion photos: anyone signed in, counted towards a daily cap per person
  // (PHOTO_DAILY_CAP). Delivery photos: anyone signed in (the record may not have landed yet),
  // counted apart (DELIVERY_PHOTO_DAILY_CAP). Station photos: staff in scope, checked in the
  // service against the stored station.
  access: signedIn,
  // The matrix asks for a photo of a 张家港 station, the one owner that takes a role and a scope.
  authz: staffOverRecord,
  body: photoUploadRequestSchema,
  output: photoUploadTicketSchema,
  successStatus: 201,
  errors: ['REQUEST_ID_REUSED', 'TOO_MANY_PHOTOS', 'RATE_LIMITED', 'STATION_NOT_FOUND', 'OUT_OF_SCOPE'],
});

export const completePhotoUpload = defineContract({
  name: 'completePhotoUpload',
  summary: '照片上传完成：核对文件类型、大小和内容后保存（重复调用结果相同）',
  method: 'POST',
  path: '/photos/{id}/complete',
  access: signedIn,
  // Only the uploader completes a photo (here 张家港's staff, who asked for it); anyone else's
  // answer is as if there were none, whatever their role: ids are not to be probed.
  authz: {
    ...anySignedIn,
    worker: 'PHOTO_NOT_FOUND',
    volunteer: 'PHOTO_NOT_FOUND',
    otherVolunteer: 'PHOTO_NOT_FOUND',
    staffAbove: 'PHOTO_NOT_FOUND',
    staffBelow: 'PHOTO_NOT_FOUND',
    staffBeside: 'PHOTO_NOT_FOUND',
    admin: 'PHOTO_NOT_FOUND',
  },
  params: z.object({ id: photoIdSchema }),
  output: photoUploadResultSchema,
  errors: ['PHOTO_NOT_FOUND', 'PHOTO_NOT_UPLOADED', 'PHOTO_INVALID'],
});

export const getStationPhotos = defineContract({
  name: 'getStationPhotos',
  summary: '驿站照片（编辑用：按显示顺序，附照片版本号）',
  method: 'GET',
  path: '/staff/stations/{id}/photos',
  access: staffOnly,
  authz: staffOverRecord,
  params: z.object({ id: stationIdSchema }),
  output: stationGallerySchema,
  errors: ['STATION_NOT_FOUND', 'OUT_OF_SCOPE'],
});

export const updateStationPhotos = defineContract({
  name: 'updateStationPhotos',
  summary: '设置驿站照片：新增、删除、排序（最多 9 张；照片版本号不符时 409）',
  method: 'PUT',
  path: '/staff/stations/{id}/photos',
  access: staffOnly,
  authz: staffOverRecord,
  params: z.object({ id: stationIdSchema }),
  body: stationGalleryEditSchema,
  output: stationGallerySchema,
  errors: [
    'STATION_NOT_FOUND',
    'OUT_OF_SCOPE',
    'VERSION_CONFLICT',
    'TOO_MANY_PHOTOS',
    'PHOTO_NOT_FOUND',
    'PHOTO_NOT_UPLOADED',
  ],
});
