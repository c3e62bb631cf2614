import {
  type AmenityCode,
  type HostType,
  type NearStation,
  type Suggestion,
  suggestionDraftSchema,
} from '@ankang/shared';
import { useCallback, useRef, useState } from 'react';
import { LocationError, type LocationFailure, platform } from '../platform';
import { pickPlace } from '../platform/locationPicker';
import { newRequestId } from '../services/stations';
import { sendSuggestion } from '../services/suggestions';
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

export type SuggestionFormErrors = Partial<Record<keyof SuggestionFormValues, string>>;

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
    const message = field === 'location' && values.location === null ? '请选择驿站的位置' : issue.message;
    errors[field] ??= message;
  }
  return { draft: null, errors };
}

const locationFailures: Record<LocationFailure, string> = {
  denied: '未获得定位权限，请在设置中允许定位后重试，或在地图上选择',
  unavailable: '暂时无法定位，请到开阔处重试',
  'privacy-refused': '需要同意隐私保护指引后才能定位',
};

/**
 * 建议新增驿站: the form, its place (the map on WeChat, or where the worker stands), a check with the
 * API's schema before sending, and the send. One request id per content: a retry of the same form
 * is stored once, an edited form is a new suggestion. A station close by comes back as `nearby`
 * for the worker to confirm (仍要提交) or open.
 */
export function useSuggestionForm() {
  const [values, setValues] = useState<SuggestionFormValues>(emptyForm);
  const [errors, setErrors] = useState<SuggestionFormErrors>({});
  const [sent, setSent] = useState<Suggestion | null>(null);
  const [locating, setLocating] = useState(false);
  const requestId = useRef(newRequestId());
  const clearRef = useRef<() => void>(() => undefined);

  const set = useCallback(
    <K extends keyof SuggestionFormValues>(field: K, value: SuggestionFormValues[K]) => {
      setValues((current) => ({ ...current, [field]: value }));
      setErrors((current) => ({ ...current, [field]: undefined }));
      // Other content is another suggestion (and a station close by was about the old place).
      requestId.current = newRequestId();
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
    requestId.current = newRequestId();
    clearRef.current();
  }, []);

  /** Picks a host type, or clears it when tapped again. */
  const toggleHostType = useCallback((type: HostType) => {
    setValues((current) => ({ ...current, hostType: current.hostType === type ? null : type }));
    requestId.current = newRequestId();
    clearRef.current();
  }, []);

  const pickOnMap = useCallback(async () => {
    const place = await pickPlace();
    if (!place) return;
    set('location', { lat: place.lat, lng: place.lng, label: place.name || '地图上选择的位置' });
    if (!values.address.trim() && place.address) set('address', place.address);
  }, [set, values.address]);

  const locateHere = useCallback(async () => {
    setLocating(true);
    try {
      const point = await platform.getLocation();
      set('location', { lat: point.latitude, lng: point.longitude, label: '我当前的位置' });
    } catch (failure) {
      const reason = failure instanceof LocationError ? failure.reason : 'unavailable';
      setErrors((current) => ({ ...current, location: locationFailures[reason] }));
    } finally {
      setLocating(false);
    }
  }, [set]);

  // What was typed last, for a send tapped before the page drew the latest change.
  const latest = useRef(values);
  latest.current = values;

  const submission = useSubmit(
    (confirmNearby: boolean) => {
      const { draft } = checkSuggestion(latest.current);
      if (!draft) throw new Error('unchecked form');
      return sendSuggestion({ ...draft, requestId: requestId.current, confirmNearby });
    },
    { toastFailure: false, onDone: ({ suggestion }) => setSent(suggestion) },
  );
  clearRef.current = submission.clear;

  /** Checks, then sends; answers with the station close by when the server names one. */
  const submit = useCallback(
    async (confirmNearby = false) => {
      const checked = checkSuggestion(latest.current);
      setErrors(checked.errors);
      if (!checked.draft) return false;
      return submission.submit(confirmNearby);
    },
    [submission],
  );

  const error = submission.error;
  const nearby: NearStation | null =
    error?.code === 'STATION_NEARBY' ? (error.details?.nearStation ?? null) : null;

  /** A fresh form after one was sent (建议另一个地点). */
  const restart = useCallback(() => {
    setValues(emptyForm);
    setErrors({});
    setSent(null);
    submission.clear();
    requestId.current = newRequestId();
  }, [submission]);

  return {
    values,
    errors,
    set,
    toggleAmenity,
    toggleHostType,
    pickOnMap,
    locateHere,
    locating,
    submit,
    submitting: submission.submitting,
    /** A failure other than the station close by (that one is `nearby`). */
    error: error && error.code !== 'STATION_NEARBY' ? error : null,
    nearby,
    sent,
    restart,
  };
}
