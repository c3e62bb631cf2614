import {
  type AmenityCode,
  type HostType,
  MAX_SUGGESTION_PHOTOS,
  type NearStation,
  type Suggestion,
  suggestionDraftSchema,
} from '@ankang/shared';
import { useCallback, useRef, useState } from 'react';
import { LocationError, type LocationFailure, locateFromTap, platform } from '../platform';
import type { ApiError } from '../services/errors';
import { newRequestId } from '../services/stations';
import { sendSuggestion } from '../services/suggestions';
import { parseTypedPoint } from '../services/typedPoint';
import { usePhotoField } from './usePhotoField';
import { useSubmit } from './useSubmit';

export interface SuggestionFormValues {
  name: string;
  address: string;
  /** GCJ-02; `label` says where it came from (the map's place name, or 当前位置). */
  location: { lat: number; lng: number; label: string } | null;
  hostType: HostType | null;
  amenities: AmenityCode[];
  note: string;
}

/** The fields a message can stand beside: the form's own, and its photos. */
export type SuggestionField = keyof SuggestionFormValues | 'photos';
export type SuggestionFormErrors = Partial<Record<SuggestionField, string>>;

/** The labels the send button's summary names (in the form's order). */
export const suggestionFieldLabels: Record<SuggestionField, string> = {
  name: '名称',
  location: '位置',
  address: '地址',
  hostType: '场所类型',
  amenities: '设施',
  note: '补充说明',
  photos: '照片',
};

const emptyForm: SuggestionFormValues = {
  name: '',
  address: '',
  location: null,
  hostType: null,
  amenities: [],
  note: '',
};

/** The form as the API's body, checked with the API's own schema: field errors or the draft. */
export function checkSuggestion(values: SuggestionFormValues) {
  const parsed = suggestionDraftSchema.safeParse({
    name: values.name,
    address: values.address,
    location: values.location ? { lat: values.location.lat, lng: values.location.lng } : undefined,
    ...(values.hostType ? { hostType: values.hostType } : {}),
    amenities: values.amenities,
    ...(values.note.trim() ? { note: values.note } : {}),
  });
  if (parsed.success) return { draft: parsed.data, errors: {} as SuggestionFormErrors };
  const errors: SuggestionFormErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof SuggestionFormValues;
    const message = field === 'location' && values.location === null ? LOCATION_MISSING : issue.message;
    errors[field] ??= message;
  }
  return { draft: null, errors };
}

/** Refusals about the photos: shown under the photos, not as a message about the whole form. */
const photoCodes = new Set(['PHOTO_INVALID', 'PHOTO_NOT_FOUND', 'PHOTO_NOT_UPLOADED', 'TOO_MANY_PHOTOS']);

/**
 * Where a refusal from the server belongs: a field's own error (the API's field issues, `body.name`
 * → name; a photo refusal → photos), or, for anything else, the whole form (beside the send button).
 */
export function placeFailure(error: ApiError): { fields: SuggestionFormErrors; form: ApiError | null } {
  if (photoCodes.has(error.code)) return { fields: { photos: error.message }, form: null };
  const issues = error.code === 'VALIDATION_FAILED' ? (error.details?.issues ?? []) : [];
  const fields: SuggestionFormErrors = {};
  for (const issue of issues) {
    const field = issue.path.split('.')[1];
    if (field === 'photoIds') fields.photos ??= issue.message;
    else if (field && field in suggestionFieldLabels) fields[field as SuggestionField] ??= issue.message;
  }
  return Object.keys(fields).length > 0 ? { fields, form: null } : { fields: {}, form: error };
}

/**
 * Why there is no position, and the way on: where this platform keeps the location switch (WeChat's
 * settings open from the next 我就在这里), and the other way to give the place — the map where there
 * is one to pick on, else its coordinates typed below.
 */
const otherWay = platform.canPickPlace ? '也可以点“在地图上选择”。' : '也可以在下面填写坐标。';
const locationFailures: Record<LocationFailure, string> = {
  denied: `${platform.locationDeniedHelp('我就在这里')}${otherWay}`,
  unavailable: platform.canPickPlace ? '暂时无法定位，请到开阔处重试' : `暂时无法定位。${otherWay}`,
  'privacy-refused': '需要同意隐私保护指引后才能定位',
};

/** No position yet: the ways this platform has to give one. */
const LOCATION_MISSING = platform.canPickPlace ? '请选择驿站的位置' : '请点“我就在这里”，或填写坐标';
const POINT_UNREADABLE = '坐标应为两个数字，例如 120.5512,31.8765';

/** What an earlier try that did land says when the form was edited after it (the answer was lost). */
const ALREADY_SENT = '这条建议此前已提交成功，之后的修改未保存。可在“我的建议”中查看，或点“再建议一个地点”。';

/**
 * 建议新增驿站: the form, its place (the map on WeChat, where the worker stands, or its coordinates
 * typed in a browser, which has no map to pick on), up to 3 photos (compressed on the phone, sent
 * first), a check with the API's schema before sending, and the send. One request id per
 * suggestion until it is stored, whatever is edited between tries: the photos are sent under it and
 * cannot move to another, and a try that did land answers the same suggestion again. A station
 * close by comes back as `nearby` for the worker to confirm (仍要提交) or open.
 */
export function useSuggestionForm() {
  const [values, setValues] = useState<SuggestionFormValues>(emptyForm);
  const [errors, setErrors] = useState<SuggestionFormErrors>({});
  const [sent, setSent] = useState<Suggestion | null>(null);
  const [locating, setLocating] = useState(false);
  // The coordinates as typed (a browser has no map to pick on), kept while they are half typed.
  const [typedPoint, setTypedPoint] = useState('');
  const requestId = useRef<string | null>(null);
  const clearRef = useRef<() => void>(() => undefined);
  const photos = usePhotoField(MAX_SUGGESTION_PHOTOS);

  const set = useCallback(
    <K extends keyof SuggestionFormValues>(field: K, value: SuggestionFormValues[K]) => {
      setValues((current) => ({ ...current, [field]: value }));
      setErrors((current) => ({ ...current, [field]: undefined }));
      // A station close by, or a refusal, was about the form as it was.
      clearRef.current();
    },
    [],
  );

  /** Adds or takes out one amenity (from the latest state: two quick taps both count). */
  const toggleAmenity = useCallback((code: AmenityCode) => {
    setValues((current) => ({
      ...current,
      amenities: current.amenities.includes(code)
        ? current.amenities.filter((a) => a !== code)
        : [...current.amenities, code],
    }));
    clearRef.current();
  }, []);

  /** Picks a host type, or clears it when tapped again. */
  const toggleHostType = useCallback((type: HostType) => {
    setValues((current) => ({ ...current, hostType: current.hostType === type ? null : type }));
    clearRef.current();
  }, []);

  // A photo refusal from the server (PHOTO_INVALID …) was about the photos as they were.
  const addPhoto = useCallback(async () => {
    setErrors((current) => ({ ...current, photos: undefined }));
    clearRef.current();
    await photos.add();
  }, [photos.add]);

  const removePhoto = useCallback(
    (id: string) => {
      setErrors((current) => ({ ...current, photos: undefined }));
      clearRef.current();
      photos.remove(id);
    },
    [photos.remove],
  );

  const pickOnMap = useCallback(async () => {
    const place = await platform.pickPlace();
    if (!place) return;
    setTypedPoint('');
    set('location', { lat: place.lat, lng: place.lng, label: place.name || '地图上选择的位置' });
    if (!values.address.trim() && place.address) set('address', place.address);
  }, [set, values.address]);

  // The last try's failure: after a refusal the next tap opens WeChat's settings first.
  const lastFailure = useRef<LocationFailure | null>(null);
  const locateHere = useCallback(async () => {
    setLocating(true);
    try {
      const point = await locateFromTap(lastFailure.current);
      lastFailure.current = null;
      setTypedPoint('');
      set('location', { lat: point.latitude, lng: point.longitude, label: '我当前的位置' });
    } catch (failure) {
      const reason = failure instanceof LocationError ? failure.reason : 'unavailable';
      lastFailure.current = reason;
      setErrors((current) => ({ ...current, location: locationFailures[reason] }));
    } finally {
      setLocating(false);
    }
  }, [set]);

  /** The place by its coordinates, typed: the point once they read as two numbers. */
  const typePoint = useCallback(
    (text: string) => {
      setTypedPoint(text);
      const point = parseTypedPoint(text);
      set('location', point ? { ...point, label: '填写的坐标' } : null);
    },
    [set],
  );
  const typedRef = useRef(typedPoint);
  typedRef.current = typedPoint;

  // What was typed last, for a send tapped before the page drew the latest change.
  const latest = useRef(values);
  latest.current = values;

  const submission = useSubmit(
    async (confirmNearby: boolean) => {
      const { draft } = checkSuggestion(latest.current);
      if (!draft) throw new Error('unchecked form');
      requestId.current ??= newRequestId();
      const id = requestId.current;
      // The photos first, owned by the request id the suggestion then claims them under.
      const photoIds = photos.photos.length > 0 ? await photos.upload({ kind: 'suggestion', id }) : [];
      return sendSuggestion({ ...draft, requestId: id, confirmNearby, photoIds });
    },
    {
      toastFailure: false,
      onDone: ({ suggestion }) => {
        requestId.current = null;
        setSent(suggestion);
      },
    },
  );
  clearRef.current = submission.clear;

  /** Checks, then sends; answers with the station close by when the server names one. */
  const submit = useCallback(
    async (confirmNearby = false) => {
      const checked = checkSuggestion(latest.current);
      // Coordinates typed but not readable: say what is wrong with them, not that none were given.
      if (!latest.current.location && typedRef.current.trim()) checked.errors.location = POINT_UNREADABLE;
      setErrors(checked.errors);
      if (!checked.draft) return false;
      return submission.submit(confirmNearby);
    },
    [submission],
  );

  const failure = submission.error;
  const nearby: NearStation | null =
    failure?.code === 'STATION_NEARBY' ? (failure.details?.nearStation ?? null) : null;
  const placed = failure && failure.code !== 'STATION_NEARBY' ? placeFailure(failure) : null;
  const fieldErrors: SuggestionFormErrors = { ...placed?.fields, ...stripEmpty(errors) };

  /** A fresh form after one was sent (建议另一个地点). */
  const restart = useCallback(() => {
    setValues(emptyForm);
    setTypedPoint('');
    setErrors({});
    setSent(null);
    submission.clear();
    photos.load([]);
    requestId.current = null;
  }, [submission, photos.load]);

  return {
    values,
    errors: fieldErrors,
    set,
    toggleAmenity,
    toggleHostType,
    pickOnMap,
    locateHere,
    typedPoint,
    typePoint,
    locating,
    photos: { ...photos, add: addPhoto, remove: removePhoto },
    submit,
    submitting: submission.submitting || photos.uploading,
    /** A failure about the whole form (not a field's, not the station close by): shown by the send button. */
    error: placed?.form ?? null,
    /** REQUEST_ID_REUSED means an earlier try did land: the words to show for it instead. */
    alreadySent: placed?.form?.code === 'REQUEST_ID_REUSED' ? ALREADY_SENT : null,
    nearby,
    sent,
    restart,
  };
}

function stripEmpty(errors: SuggestionFormErrors): SuggestionFormErrors {
  return Object.fromEntries(Object.entries(errors).filter(([, message]) => message)) as SuggestionFormErrors;
}
