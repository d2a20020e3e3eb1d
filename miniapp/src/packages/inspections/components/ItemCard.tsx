import { useEffect, useRef } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { INSPECTION_SECTION_LABELS, ITEM_PHOTOS_MAX, ITEM_RESULTS, ITEM_RESULT_LABELS, RECTIFY_DAYS_DEFAULT, type ItemResult, type TemplateItem, type UploadView } from '@wuye/contracts';
import ChoiceChips from '../../../components/ChoiceChips';
import PhotoPicker, { usePhotoPicker, type Shot } from '../../../components/PhotoPicker';
import TextBox from '../../../components/TextBox';
import { uploadPhoto } from '../../../services/uploads';

export interface ItemAnswer {
  result: ItemResult | null;
  note: string;
  rectifyDays: number;
}

export const EMPTY_ANSWER: ItemAnswer = { result: null, note: '', rectifyDays: RECTIFY_DAYS_DEFAULT };

/**
 * One checklist item: 合格 / 不合格 / 不适用; a failed one asks what is wrong, its photos (uploaded as they are taken;
 * offline they wait and go with the inspection) and the days the company gets to put it right.
 */
export default function ItemCard({
  index,
  item,
  answer,
  onChange,
  onShots,
}: {
  index: number;
  item: TemplateItem;
  answer: ItemAnswer;
  onChange: (answer: ItemAnswer) => void;
  onShots: (shots: Shot<UploadView>[]) => void;
}) {
  const photos = usePhotoPicker({ max: ITEM_PHOTOS_MAX, upload: (file) => uploadPhoto(file.path) });
  const report = useRef(onShots);
  report.current = onShots;
  useEffect(() => report.current(photos.shots), [photos.shots]);
  return (
    <View className={`insp-item insp-item-${answer.result ?? 'open'}`}>
      <View className="insp-row-title wrap-text">
        {index + 1}. {item.text}
        <Text className="muted">
          {' '}
          {INSPECTION_SECTION_LABELS[item.section]} · 权重 {item.weight}
        </Text>
      </View>
      <ChoiceChips
        className="insp-results"
        itemClassName="insp-result"
        items={ITEM_RESULTS}
        keyOf={(r) => r}
        labelOf={(r) => ITEM_RESULT_LABELS[r]}
        isSelected={(r) => r === answer.result}
        onChoose={(r) => onChange({ ...answer, result: r })}
      />
      {answer.result === 'fail' ? (
        <View className="insp-fail">
          <View className="field">
            <View className="field-label">问题（必填，将写入整改单）</View>
            <TextBox className="insp-item-note" value={answer.note} max={500} placeholder="例如：消防通道堆放杂物" onChange={(note) => onChange({ ...answer, note })} />
          </View>
          <View className="field">
            <View className="field-label">现场照片</View>
            <PhotoPicker picker={photos} className="insp-item-photos" />
          </View>
          <View className="field">
            <View className="field-label">整改期限（天）</View>
            <Input className="input insp-item-days" type="number" value={String(answer.rectifyDays)} onInput={(e) => onChange({ ...answer, rectifyDays: Number(e.detail.value) || 0 })} />
          </View>
        </View>
      ) : null}
    </View>
  );
}
