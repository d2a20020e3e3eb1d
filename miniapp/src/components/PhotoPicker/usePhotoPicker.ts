import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { errorText } from '../../services/errors';
import { compressPhoto, pickPdfs, pickPhotos, type PhotoSource, type PickedFile } from './pick';

export type ShotState = 'uploading' | 'done' | 'failed';

/** A chosen photo (or PDF) and how its upload went. */
export interface Shot<T> {
  key: number;
  path: string;
  name?: string;
  state: ShotState;
  /** The API's answer, once uploaded. */
  answer?: T;
  /** Why the upload failed, in the API's words. */
  error?: string;
}

export interface PhotoPickerOptions<T> {
  /** At most this many, counting those already handed over (`taken`). */
  max: number;
  /** Sends one file; the answer is kept with the photo (or handed over). */
  upload: (file: PickedFile) => Promise<T>;
  /** Already kept elsewhere and counting towards `max` (a line's vouchers). */
  taken?: number;
  /**
   * Hands each uploaded file over and forgets it (the vouchers of a line show in the line's own list); without
   * it an uploaded photo stays shown here as 已上传.
   */
  onUploaded?: (answer: T, file: PickedFile) => void;
  /** Larger photos are left out with a toast instead of being refused by the server after a long upload. */
  maxBytes?: number;
  /** What the limit counts, for its messages: 张照片 (default), 个凭证. */
  unit?: string;
}

export interface PhotoPicker<T> {
  shots: Shot<T>[];
  max: number;
  unit: string;
  /** How many more may be chosen. */
  room: number;
  /** Opens the camera, the album (or lets the system ask), or a chat's PDFs; each file is uploaded at once. */
  choose: (from: PhotoSource | 'pdf') => Promise<void>;
  /** Files chosen another way (the H5 file input of vouchers), uploaded at once. */
  add: (files: PickedFile[]) => void;
  retry: (key: number) => void;
  remove: (key: number) => void;
  /** The shots once no upload is on its way (a report waits for this before it is kept for sending). */
  settled: () => Promise<Shot<T>[]>;
}

const CHOOSER_FAILED: Record<PhotoSource | 'pdf', string> = {
  camera: '没能打开相机，请检查相机权限',
  album: '没能打开相册，请检查相册权限',
  either: '没能打开相册或相机，请检查权限',
  pdf: '没能打开聊天文件，请稍后重试',
};

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 3000 });

/**
 * 添加照片 for any form: up to `max`, each uploaded as soon as it is chosen (WeChat's limit of 10 uploads in flight
 * is kept by uploadFile), a failed one says why and offers 重试 or 删除.
 */
export function usePhotoPicker<T>(options: PhotoPickerOptions<T>): PhotoPicker<T> {
  const { max, taken = 0, maxBytes, unit = '张照片' } = options;
  const [shots, setShots] = useState<Shot<T>[]>([]);
  const latest = useRef<Shot<T>[]>([]);
  latest.current = shots;
  const nextKey = useRef(1);
  const inFlight = useRef(new Set<Promise<void>>());
  const mounted = useRef(true);
  const upload = useRef(options.upload);
  upload.current = options.upload;
  const onUploaded = useRef(options.onUploaded);
  onUploaded.current = options.onUploaded;

  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const change = useCallback((update: (shown: Shot<T>[]) => Shot<T>[]) => {
    if (!mounted.current) return;
    // Kept in step at once, so settled() answers what the last upload left.
    latest.current = update(latest.current);
    setShots(latest.current);
  }, []);

  const send = useCallback(
    (shot: Shot<T>) => {
      const file: PickedFile = { path: shot.path, size: 0, ...(shot.name ? { name: shot.name } : {}) };
      const sending = (async () => {
        try {
          const answer = await upload.current(file);
          if (onUploaded.current) {
            onUploaded.current(answer, file);
            change((shown) => shown.filter((s) => s.key !== shot.key));
          } else {
            change((shown) => shown.map((s) => (s.key === shot.key ? { ...s, state: 'done', answer, error: undefined } : s)));
          }
        } catch (error) {
          change((shown) => shown.map((s) => (s.key === shot.key ? { ...s, state: 'failed', error: errorText(error, '上传失败') } : s)));
        }
      })();
      inFlight.current.add(sending);
      void sending.finally(() => inFlight.current.delete(sending));
    },
    [change],
  );

  const room = Math.max(0, max - taken - shots.length);

  const add = useCallback(
    (files: PickedFile[]) => {
      const space = Math.max(0, max - taken - latest.current.length);
      const fitting = maxBytes === undefined ? files : files.filter((file) => file.size <= maxBytes);
      if (fitting.length < files.length) toast(`照片不能超过 ${Math.round((maxBytes as number) / 1024 / 1024)} MB，已略过过大的照片`);
      if (fitting.length > space) toast(`最多 ${max} ${unit}，多出的没有添加`);
      const added: Shot<T>[] = fitting.slice(0, space).map((file) => ({ key: nextKey.current++, path: file.path, ...(file.name ? { name: file.name } : {}), state: 'uploading' }));
      change((shown) => [...shown, ...added]);
      added.forEach(send);
    },
    [max, taken, maxBytes, unit, change, send],
  );

  const choose = useCallback(
    async (from: PhotoSource | 'pdf') => {
      const space = max - taken - latest.current.length;
      if (space <= 0) return;
      let picked: PickedFile[];
      try {
        picked = from === 'pdf' ? await pickPdfs(space) : await Promise.all((await pickPhotos(from, space)).map(compressPhoto));
      } catch {
        toast(CHOOSER_FAILED[from]);
        return;
      }
      add(picked);
    },
    [max, taken, add],
  );

  const retry = useCallback(
    (key: number) => {
      const shot = latest.current.find((s) => s.key === key);
      if (!shot || shot.state !== 'failed') return;
      change((shown) => shown.map((s) => (s.key === key ? { ...s, state: 'uploading', error: undefined } : s)));
      send(shot);
    },
    [change, send],
  );

  const remove = useCallback((key: number) => change((shown) => shown.filter((s) => s.key !== key)), [change]);

  const settled = useCallback(async () => {
    // A 重试 tapped meanwhile adds another upload: wait until none is left.
    while (inFlight.current.size > 0) await Promise.all([...inFlight.current]);
    return latest.current;
  }, []);

  return { shots, max, unit, room, choose, add, retry, remove, settled };
}
