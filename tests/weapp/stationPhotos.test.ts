import type { ManagedStation, PhotoView, StationGallery } from '@ankang/shared';
import { describe, expect, it, vi } from 'vitest';
import { stationDetail } from './fixtures';
import { openAs, type Page, requestsTo, resetPagesEachTest, sent, text } from './outreachPages';
import { findByText, holdAnswers, media, routes, settled, tap, waitFor, wx, wxmlAttribute } from './simulate';
import { scopeOrgs, zjg } from './staffOutreachFixtures';

// WeChat's full-screen viewer, recorded (the shared fake has none).
const viewer = {
  previewImage: vi.fn((options: { success?: (r: object) => void }) =>
    setTimeout(() => options.success?.({ errMsg: 'previewImage:ok' }), 0),
  ),
};
Object.assign(wx, viewer);

const stationId = 'st_00000000near';
const bucket = 'http://127.0.0.1:9/ankang-photos';
const view = (id: string): PhotoView => ({
  id,
  url: `https://photos.example.test/${id}.png`,
  expiresAt: '2030-01-01T00:00:00.000Z',
});
const ok = (data: unknown) => ({ statusCode: 200, data });

resetPagesEachTest(() => {
  viewer.previewImage.mockClear();
  media.taken = null;
  media.files.clear();
});

const thumbs = (page: Page) => Array.from(page.dom.querySelectorAll('.main--station-photos__thumb'));
const tiles = (page: Page) => Array.from(page.dom.querySelectorAll('.main--photo-field__item'));
const tileSources = (page: Page) =>
  tiles(page).map((tile) => String(wxmlAttribute(tile.querySelector('wx-image')!, 'src') ?? ''));

describe('Page: 驿站详情 gallery', () => {
  it('shows the photos in the order staff set, and opens WeChat’s viewer on the one tapped', async () => {
    const detail = {
      ...stationDetail('2030-01-01', '元旦'),
      photos: [view('ph_first000000000001'), view('ph_second00000000002')],
    };
    routes.set(`GET /stations/${stationId}`, () => ok(detail));

    const page = openAs(null, 'pages/station/index', { id: stationId });

    await waitFor(() => thumbs(page).length === 2);
    expect(text(page)).toContain('驿站照片（2）');
    expect(thumbs(page).map((thumb) => wxmlAttribute(thumb, 'src'))).toStrictEqual([
      'https://photos.example.test/ph_first000000000001.png',
      'https://photos.example.test/ph_second00000000002.png',
    ]);
    tap(thumbs(page)[1]!);
    await waitFor(() => viewer.previewImage.mock.calls.length === 1);
    expect(viewer.previewImage.mock.calls[0]![0]).toMatchObject({
      urls: [
        'https://photos.example.test/ph_first000000000001.png',
        'https://photos.example.test/ph_second00000000002.png',
      ],
      current: 'https://photos.example.test/ph_second00000000002.png',
    });
  });

  it('shows no gallery box for a station without photos', async () => {
    routes.set(`GET /stations/${stationId}`, () => ok(stationDetail('2030-01-01', '元旦')));
    const page = openAs(null, 'pages/station/index', { id: stationId });
    await waitFor(() => text(page).includes('本周开放时间'));
    expect(page.dom.querySelector('.main--station-photos')).toBeNull();
    expect(text(page)).not.toContain('驿站照片');
  });
});

/** GET /staff/stations/{id}: the station as staff edit it. */
function managed(): ManagedStation {
  const detail = stationDetail('2030-01-01', '元旦');
  return {
    ...detail,
    orgPath: zjg,
    photos: ['ph_kept0000000000001', 'ph_kept0000000000002'],
    photosVersion: 4,
    lastVerifiedBy: null,
    openReports: 0,
    rating: { count: 0, average: 0, stars: [0, 0, 0, 0, 0] },
    createdAt: '2026-01-01T00:00:00.000Z',
  } as ManagedStation;
}

function serveEditor(gallery: StationGallery) {
  routes.set(`GET /staff/stations/${stationId}`, () => ok(managed()));
  routes.set('GET /orgs', () => ok({ orgs: scopeOrgs() }));
  routes.set(`GET /staff/stations/${stationId}/photos`, () => ok(gallery));
  routes.set('POST /photos/uploads', (options) => {
    const body = options.data as { id: string };
    return {
      statusCode: 201,
      data: {
        id: body.id,
        uploadUrl: `${bucket}/incoming/${body.id}`,
        method: 'PUT',
        headers: { 'Content-Type': 'image/jpeg' },
        expiresAt: '2030-01-01T00:00:00.000Z',
        state: 'incoming',
      },
    };
  });
}

/** The fake bucket and completion for any photo id the app sends. */
function serveLanding(id: string) {
  routes.set(`PUT /ankang-photos/incoming/${id}`, () => ({ statusCode: 200, data: '' }));
  routes.set(`POST /photos/${id}/complete`, () =>
    ok({
      id,
      owner: { kind: 'station', id: stationId },
      contentType: 'image/jpeg',
      size: 8,
      state: 'landed',
    }),
  );
}

const startGallery = (): StationGallery => ({
  photos: [view('ph_kept0000000000001'), view('ph_kept0000000000002')],
  photosVersion: 4,
});

async function openEditor(): Promise<Page> {
  const page = openAs('staffZjg', 'staff/pages/edit/index', { id: stationId });
  await waitFor(() => tiles(page).length === 2);
  return page;
}

describe('Page: 编辑驿站 · 驿站照片', () => {
  it('adds a photo, moves it first, removes one, and saves with the gallery’s version', async () => {
    serveEditor(startGallery());
    media.taken = ['wxfile://tmp/door.jpg'];
    const page = await openEditor();
    expect(text(page)).toContain('照片已是最新');

    // Act: add one (compressed on the phone), move it to the front, drop the second kept one.
    // The file the phone keeps is recorded, to see that it is the compressed one.
    const kept: string[] = [];
    const files = wx.getFileSystemManager.getMockImplementation()!;
    wx.getFileSystemManager.mockImplementation(() => {
      const real = files();
      return {
        ...real,
        saveFile: (options: Parameters<typeof real.saveFile>[0]) => {
          kept.push(options.tempFilePath);
          real.saveFile(options);
        },
      };
    });
    try {
      tap(findByText(page.dom, '添加照片')!);
      await waitFor(() => tiles(page).length === 3);
    } finally {
      wx.getFileSystemManager.mockImplementation(files);
    }
    // The fake camera's photo is 4000 × 3000: scaled to 1280 px on its long side, at quality 70.
    expect(wx.compressImage).toHaveBeenCalledTimes(1);
    expect(wx.compressImage).toHaveBeenCalledWith(
      expect.objectContaining({
        src: 'wxfile://tmp/door.jpg',
        compressedWidth: 1280,
        quality: expect.closeTo(70),
      }),
    );
    expect(wx.compressImage.mock.calls[0]![0]).not.toHaveProperty('compressedHeight');
    expect(kept).toStrictEqual(['wxfile://tmp/door.jpg.compressed.jpg']);
    // The move buttons in order: 1st 后移 | 2nd 前移, 后移 | 3rd 前移.
    const moves = () => page.dom.querySelectorAll('.main--photo-field__move');
    expect(Array.from(moves()).map((m) => m.textContent)).toStrictEqual(['后移', '前移', '后移', '前移']);
    tap(moves()[3]!);
    await waitFor(() => tileSources(page)[1]?.startsWith('http://usr/'));
    tap(moves()[1]!);
    await waitFor(() => tileSources(page)[0]?.startsWith('http://usr/'));
    tap(page.dom.querySelectorAll('.main--photo-field__remove')[2]!);
    await waitFor(() => tiles(page).length === 2);
    expect(tileSources(page)[1]).toBe('https://photos.example.test/ph_kept0000000000001.png');
    // Nothing leaves the phone before 保存照片.
    expect(requestsTo('POST', '/photos/uploads')).toHaveLength(0);

    routes.set(`PUT /staff/stations/${stationId}/photos`, (options) => {
      const body = options.data as { photoIds: string[]; photosVersion: number };
      return ok({ photos: body.photoIds.map(view), photosVersion: body.photosVersion + 1 });
    });
    // Every upload gets its landing route as soon as the app asks for room.
    const ask = routes.get('POST /photos/uploads')!;
    routes.set('POST /photos/uploads', (options) => {
      serveLanding((options.data as { id: string }).id);
      return ask(options);
    });
    tap(findByText(page.dom, '保存照片', 'wx-button')!);

    // Assert: the photo went up for this station first, then the order with version 4.
    await waitFor(() => requestsTo('PUT', `/staff/stations/${stationId}/photos`).length === 1);
    const [upload] = requestsTo('POST', '/photos/uploads').map(sent);
    expect(upload).toMatchObject({
      owner: { kind: 'station', id: stationId },
      contentType: 'image/jpeg',
      size: 8,
    });
    expect(sent(requestsTo('PUT', `/staff/stations/${stationId}/photos`)[0])).toStrictEqual({
      photoIds: [upload.id, 'ph_kept0000000000001'],
      photosVersion: 4,
    });
    expect(requestsTo('POST', `/photos/${upload.id}/complete`)).toHaveLength(1);
    await waitFor(() => text(page).includes('照片已是最新'));
    expect(tileSources(page)).toStrictEqual([
      `https://photos.example.test/${upload.id}.png`,
      'https://photos.example.test/ph_kept0000000000001.png',
    ]);
    expect(media.files.size).toBe(0);
  });

  it('says so when a colleague saved the photos first, and reloads theirs', async () => {
    serveEditor(startGallery());
    const page = await openEditor();
    tap(page.dom.querySelectorAll('.main--photo-field__remove')[0]!);
    await waitFor(() => tiles(page).length === 1);
    routes.set(`PUT /staff/stations/${stationId}/photos`, () => ({
      statusCode: 409,
      data: {
        error: {
          code: 'VERSION_CONFLICT',
          message: '驿站照片已被他人修改，请刷新后重试',
          details: { currentVersion: 5 },
        },
      },
    }));
    tap(findByText(page.dom, '保存照片', 'wx-button')!);

    await waitFor(() => text(page).includes('其他人修改了这个驿站的照片'));
    expect(page.dom.querySelectorAll('.main--photo-field__remove')).toHaveLength(0);
    serveEditor({ photos: [view('ph_theirs000000000001')], photosVersion: 5 });
    tap(findByText(page.dom, '刷新', 'wx-button')!);
    await waitFor(() => tileSources(page)[0] === 'https://photos.example.test/ph_theirs000000000001.png');
    expect(tiles(page)).toHaveLength(1);
    expect(text(page)).not.toContain('其他人修改了这个驿站的照片');
  });

  it('saves once for a double tap on 保存照片, with no false conflict', async () => {
    // Arrange: version 4 saves once; any second save with 4 would be a conflict.
    serveEditor(startGallery());
    const page = await openEditor();
    tap(page.dom.querySelectorAll('.main--photo-field__remove')[0]!);
    await waitFor(() => tiles(page).length === 1);
    routes.set(`PUT /staff/stations/${stationId}/photos`, (options) => {
      const body = options.data as { photoIds: string[]; photosVersion: number };
      routes.set(`PUT /staff/stations/${stationId}/photos`, () => ({
        statusCode: 409,
        data: { error: { code: 'VERSION_CONFLICT', message: '驿站照片已被他人修改，请刷新后重试' } },
      }));
      return ok({ photos: body.photoIds.map(view), photosVersion: body.photosVersion + 1 });
    });
    const save = findByText(page.dom, '保存照片', 'wx-button')!;

    // Act: two taps before the page redraws.
    tap(save);
    tap(save);

    // Assert
    await waitFor(() => text(page).includes('照片已是最新'));
    await settled(page);
    expect(requestsTo('PUT', `/staff/stations/${stationId}/photos`).map(sent)).toStrictEqual([
      { photoIds: ['ph_kept0000000000002'], photosVersion: 4 },
    ]);
    expect(text(page)).not.toContain('其他人修改了这个驿站的照片');
    expect(wx.showToast.mock.calls.map(([options]) => (options as { title: string }).title)).toStrictEqual([
      '照片已保存',
    ]);
  });

  it('keeps the newest gallery when an older load lands late, and saves with its version', async () => {
    // Arrange: a conflict, then 刷新 twice; the first reload's answer is held back.
    serveEditor(startGallery());
    const page = await openEditor();
    tap(page.dom.querySelectorAll('.main--photo-field__remove')[0]!);
    await waitFor(() => tiles(page).length === 1);
    routes.set(`PUT /staff/stations/${stationId}/photos`, () => ({
      statusCode: 409,
      data: { error: { code: 'VERSION_CONFLICT', message: '驿站照片已被他人修改，请刷新后重试' } },
    }));
    tap(findByText(page.dom, '保存照片', 'wx-button')!);
    await waitFor(() => text(page).includes('其他人修改了这个驿站的照片'));
    const galleryPath = `/staff/stations/${stationId}/photos`;
    // Only the first reload's answer waits.
    const slow = holdAnswers('GET', galleryPath, { limit: 1 });
    try {
      tap(findByText(page.dom, '刷新', 'wx-button')!);
      await waitFor(() => slow.held.length === 1);
      routes.set(`GET ${galleryPath}`, () =>
        ok({ photos: [view('ph_theirs000000000001')], photosVersion: 6 }),
      );
      tap(findByText(page.dom, '刷新', 'wx-button')!);
      await waitFor(() => tileSources(page)[0] === 'https://photos.example.test/ph_theirs000000000001.png');

      // Act: the first reload's answer (the gallery as it was at version 5) lands now.
      routes.set(`GET ${galleryPath}`, () =>
        ok({ photos: [view('ph_older000000000001'), view('ph_older000000000002')], photosVersion: 5 }),
      );
      slow.held[0]!.release();
      await waitFor(() => slow.answered() === 1);
      await settled(page);
    } finally {
      slow.restore();
    }

    // Assert: still the newest gallery, and a save carries its version.
    expect(tileSources(page)).toStrictEqual(['https://photos.example.test/ph_theirs000000000001.png']);
    routes.set(`PUT ${galleryPath}`, (options) => {
      const body = options.data as { photoIds: string[]; photosVersion: number };
      return ok({ photos: body.photoIds.map(view), photosVersion: body.photosVersion + 1 });
    });
    tap(page.dom.querySelectorAll('.main--photo-field__remove')[0]!);
    await waitFor(() => tiles(page).length === 0);
    tap(findByText(page.dom, '保存照片', 'wx-button')!);
    await waitFor(() => requestsTo('PUT', galleryPath).length === 2);
    expect(sent(requestsTo('PUT', galleryPath)[1])).toStrictEqual({ photoIds: [], photosVersion: 6 });
  });

  it('shows the load failure with a retry instead of an empty gallery', async () => {
    serveEditor(startGallery());
    routes.set(`GET /staff/stations/${stationId}/photos`, () => ({
      statusCode: 503,
      data: { error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' } },
    }));
    const page = openAs('staffZjg', 'staff/pages/edit/index', { id: stationId });
    await waitFor(() => text(page).includes('服务暂时不可用'));
    expect(text(page)).not.toContain('还没有照片');
    routes.set(`GET /staff/stations/${stationId}/photos`, () => ok(startGallery()));
    tap(findByText(page.dom, '重试')!);
    await waitFor(() => tiles(page).length === 2);
  });
});
