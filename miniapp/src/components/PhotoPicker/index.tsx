import { Button, Image, Text, View } from '@tarojs/components';
import type { PhotoPicker as Picker } from './usePhotoPicker';
import './index.scss';

export { usePhotoPicker, type PhotoPicker as PhotoPickerState, type Shot } from './usePhotoPicker';

interface PhotoPickerProps {
  picker: Picker<unknown>;
  className: string;
  /**
   * 'separate': 拍照 and 从相册选 as two big buttons, so no menu pops up (residents reporting a problem);
   * 'either': one ＋ 添加照片 button and the system asks (staff, committee).
   */
  sources?: 'separate' | 'either';
  /** PDFs too (vouchers): from a chat on WeChat, from the browser's file picker on H5. */
  pdf?: boolean;
  /** The add button's words, where ＋ 添加照片 would not say it. */
  label?: string;
  disabled?: boolean;
}

const STATE_TEXT = { uploading: '上传中…', done: '已上传' } as const;

const isPdf = (name?: string) => !!name && /\.pdf$/i.test(name);

/** H5 has no chooseMessageFile: one file input takes photos and PDFs alike. */
function FileInput({ picker, label, disabled }: { picker: Picker<unknown>; label: string; disabled: boolean }) {
  return (
    <label className={`button button-small photo-picker-add photo-picker-file${disabled ? ' photo-picker-disabled' : ''}`}>
      {label}
      <input
        className="photo-picker-file-input"
        type="file"
        accept="image/*,application/pdf"
        multiple
        disabled={disabled}
        style={{ display: 'none' }}
        onChange={(event) => {
          const input = event.target as HTMLInputElement;
          const files = Array.from(input.files ?? []).map((file) => ({ path: URL.createObjectURL(file), name: file.name, size: file.size }));
          input.value = '';
          picker.add(files);
        }}
      />
    </label>
  );
}

/**
 * The one photo picker of the app: chosen photos show at once with how their upload goes (上传中… / 已上传 / the
 * API's reason and 重试), each may be removed; the buttons are off when the limit is reached.
 */
export default function PhotoPicker({ picker, className, sources = 'either', pdf = false, label, disabled = false }: PhotoPickerProps) {
  const { shots, max, unit, room } = picker;
  const off = disabled || room === 0;
  const count = max - room;
  return (
    <View className={`photo-picker ${className}`}>
      {shots.length > 0 ? (
        <View className="photo-picker-grid">
          {shots.map((shot) => (
            <View key={shot.key} className={`photo-shot photo-shot-${shot.state}`}>
              {isPdf(shot.name) ? <View className="photo-shot-file wrap-text">{shot.name}</View> : <Image className="photo-shot-image" src={shot.path} mode="aspectFill" />}
              <View className="photo-shot-state">
                {shot.state === 'failed' ? <Text className="photo-shot-error wrap-text">{shot.error}</Text> : <Text>{STATE_TEXT[shot.state]}</Text>}
              </View>
              <View className="photo-shot-actions">
                {shot.state === 'failed' ? (
                  <Text className="photo-shot-retry" onClick={() => picker.retry(shot.key)}>
                    重试
                  </Text>
                ) : null}
                {shot.state !== 'uploading' ? (
                  <Text className="photo-shot-remove" onClick={() => picker.remove(shot.key)}>
                    删除
                  </Text>
                ) : null}
              </View>
            </View>
          ))}
        </View>
      ) : null}
      <View className="button-row photo-picker-buttons">
        {pdf && process.env.TARO_ENV === 'h5' ? (
          <FileInput picker={picker} label={label ?? '上传照片或 PDF'} disabled={off} />
        ) : sources === 'separate' ? (
          <>
            <Button className="button photo-picker-camera" disabled={off || undefined} onClick={() => void picker.choose('camera')}>
              拍照
            </Button>
            <Button className="button photo-picker-album" disabled={off || undefined} onClick={() => void picker.choose('album')}>
              从相册选
            </Button>
          </>
        ) : (
          <Button className="button button-small photo-picker-add" disabled={off || undefined} onClick={() => void picker.choose('either')}>
            {label ?? `＋ 添加照片（${count}/${max}）`}
          </Button>
        )}
        {pdf && process.env.TARO_ENV !== 'h5' ? (
          <Button className="button button-small photo-picker-pdf" disabled={off || undefined} onClick={() => void picker.choose('pdf')}>
            选 PDF 文件
          </Button>
        ) : null}
      </View>
      {room === 0 ? <View className="muted photo-picker-full">最多 {max} {unit}</View> : null}
    </View>
  );
}
