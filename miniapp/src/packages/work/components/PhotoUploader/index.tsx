import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import { TICKET_PHOTOS_MAX } from '@wuye/contracts';
import { uploadFile } from '../../../../services/uploads';
import { errorText, showError } from '../../../../services/errors';
import './index.scss';

interface Shot {
  key: number;
  path: string;
  state: 'uploading' | 'done' | 'failed';
  uploadId?: number;
  error?: string;
}

export interface PhotoSelection {
  /** Uploaded photos, in the order they were chosen. */
  ids: number[];
  /** Some photos are still on their way (or failed and wait for 重试 or 删除). */
  incomplete: boolean;
}

const isCancel = (error: unknown) => /cancel/i.test(String((error as { errMsg?: string } | null)?.errMsg ?? ''));

/**
 * 添加照片: up to 9, each uploaded as soon as it is chosen, one at a time (WeChat allows at most 10 uploads in
 * flight); a failed one says why and offers 重试. The parent hears the uploaded ids.
 */
export default function PhotoUploader({ onChange, disabled, className }: { onChange: (selection: PhotoSelection) => void; disabled?: boolean; className: string }) {
  const [shots, setShots] = useState<Shot[]>([]);
  const nextKey = useRef(1);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const mounted = useRef(true);
  const report = useRef(onChange);
  report.current = onChange;

  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  useEffect(() => {
    report.current({
      ids: shots.filter((shot) => shot.state === 'done').map((shot) => shot.uploadId as number),
      incomplete: shots.some((shot) => shot.state !== 'done'),
    });
  }, [shots]);

  const update = (key: number, change: Partial<Shot>) => {
    if (mounted.current) setShots((shown) => shown.map((shot) => (shot.key === key ? { ...shot, ...change } : shot)));
  };

  const upload = (shot: Pick<Shot, 'key' | 'path'>) => {
    queue.current = queue.current.then(async () => {
      try {
        const answer = await uploadFile(shot.path);
        update(shot.key, { state: 'done', uploadId: answer.id, error: undefined });
      } catch (error) {
        update(shot.key, { state: 'failed', error: errorText(error, '上传失败') });
      }
    });
  };

  const choose = async () => {
    const room = TICKET_PHOTOS_MAX - shots.length;
    if (room <= 0) return;
    let paths: string[];
    try {
      const answer = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      paths = answer.tempFilePaths.slice(0, room);
    } catch (error) {
      if (!isCancel(error)) showError(error);
      return;
    }
    const added = paths.map((path) => ({ key: nextKey.current++, path, state: 'uploading' as const }));
    setShots((shown) => [...shown, ...added]);
    added.forEach(upload);
  };

  const retry = (shot: Shot) => {
    update(shot.key, { state: 'uploading', error: undefined });
    upload(shot);
  };

  return (
    <View className={`photo-uploader ${className}`}>
      <View className="photo-uploader-grid">
        {shots.map((shot) => (
          <View key={shot.key} className={`photo-shot photo-shot-${shot.state}`}>
            <Image className="photo-shot-image" src={shot.path} mode="aspectFill" />
            <View className="photo-shot-state">
              {shot.state === 'uploading' ? <Text>上传中…</Text> : null}
              {shot.state === 'done' ? <Text>已上传</Text> : null}
              {shot.state === 'failed' ? <Text className="photo-shot-error wrap-text">{shot.error}</Text> : null}
            </View>
            <View className="photo-shot-actions">
              {shot.state === 'failed' ? (
                <Text className="photo-shot-retry" onClick={() => retry(shot)}>
                  重试
                </Text>
              ) : null}
              {shot.state !== 'uploading' ? (
                <Text className="photo-shot-remove" onClick={() => setShots((shown) => shown.filter((s) => s.key !== shot.key))}>
                  删除
                </Text>
              ) : null}
            </View>
          </View>
        ))}
      </View>
      {shots.length < TICKET_PHOTOS_MAX ? (
        <Button className="button button-small photo-uploader-add" disabled={disabled || undefined} onClick={() => void choose()}>
          ＋ 添加照片（{shots.length}/{TICKET_PHOTOS_MAX}）
        </Button>
      ) : (
        <View className="muted photo-uploader-full">最多 {TICKET_PHOTOS_MAX} 张照片</View>
      )}
    </View>
  );
}
