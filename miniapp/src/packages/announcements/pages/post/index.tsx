import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Picker, View } from '@tarojs/components';
import { ANNOUNCEMENT_ATTACHMENTS_MAX, ANNOUNCEMENT_BODY_MAX, ANNOUNCEMENT_TITLE_MAX, shanghaiDate } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import PhotoPicker, { usePhotoPicker } from '../../../../components/PhotoPicker';
import PrivacyDialog from '../../../../components/PrivacyDialog';
import { SignedOutPage } from '../../../../components/RemoteStatus';
import TextBox from '../../../../components/TextBox';
import { useSession } from '../../../../hooks/useSession';
import { ANNOUNCEMENTS_PAGE, announcementPage } from '../../../../routes';
import { postAnnouncement } from '../../../../services/announcements';
import { errorText } from '../../../../services/errors';
import { uploadPhoto } from '../../../../services/uploads';
import '../../announcements.scss';

const PIN_CHOICES = [
  { key: 'no', label: '不置顶' },
  { key: 'yes', label: '置顶' },
];

/** 发布公告 to one estate: title, text, photos, 置顶, and the last day it is shown (none: until withdrawn). */
export default function PostAnnouncement() {
  const { params } = useRouter();
  const communityId = Number(params.communityId);
  const estateName = params.name ? decodeURIComponent(params.name) : '';
  const gate = useSession({ returnTo: ANNOUNCEMENTS_PAGE });
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [pinned, setPinned] = useState(false);
  const [expiresOn, setExpiresOn] = useState<string | null>(null);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const photos = usePhotoPicker({ max: ANNOUNCEMENT_ATTACHMENTS_MAX, upload: (file) => uploadPhoto(file.path) });

  const submit = async () => {
    if (busy) return;
    if (!title.trim()) return setProblem('请填写公告标题');
    if (!body.trim()) return setProblem('请填写公告内容');
    setBusy(true);
    setProblem('');
    try {
      const shots = await photos.settled();
      if (shots.some((shot) => !shot.answer)) throw new Error('有照片没有上传成功，请重试或删除后再发布');
      const posted = await postAnnouncement(communityId, { title: title.trim(), body: body.trim(), pinned, expiresOn: expiresOn ?? undefined, attachmentIds: shots.map((shot) => shot.answer?.id as number) });
      await Taro.showToast({ title: '已发布，已通知居民', icon: 'success' });
      void Taro.redirectTo({ url: announcementPage(posted.id) });
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  if (gate.phase !== 'signed-in') return <SignedOutPage gate={gate} purpose="登录后发布公告。" />;
  return (
    <View className="page an-page an-post">
      <View className="card">
        {estateName ? <View className="card-title an-post-estate">发布到 {estateName}</View> : null}
        <View className="field">
          <View className="field-label">标题</View>
          <Input className="input an-post-title" value={title} maxlength={ANNOUNCEMENT_TITLE_MAX} placeholder="例如：6月12日停水通知" onInput={(e) => { setTitle(e.detail.value); setProblem(''); }} />
        </View>
        <View className="field">
          <View className="field-label">内容</View>
          <TextBox className="an-post-body" value={body} max={ANNOUNCEMENT_BODY_MAX} placeholder="写明时间、范围和需要居民做的事" onChange={(value) => { setBody(value); setProblem(''); }} />
        </View>
        <View className="field">
          <View className="field-label">图片（选填）</View>
          <PhotoPicker picker={photos} className="an-post-photos" sources="either" disabled={busy} />
        </View>
        <View className="field">
          <View className="field-label">首页显示</View>
          <ChoiceChips className="an-post-pins" itemClassName="an-post-pin" items={PIN_CHOICES} chosen={pinned ? 'yes' : 'no'} onChoose={(c) => setPinned(c.key === 'yes')} />
        </View>
        <View className="field">
          <View className="field-label">显示到哪天（过期后不再显示在首页）</View>
          <Picker mode="date" value={expiresOn ?? shanghaiDate()} start={shanghaiDate()} onChange={(e) => setExpiresOn(String(e.detail.value))}>
            <View className="input an-post-expiry">{expiresOn ?? '一直显示，直到撤回'}</View>
          </Picker>
          {expiresOn ? (
            <View className="link-row an-post-no-expiry" onClick={() => setExpiresOn(null)}>
              不设截止日期
            </View>
          ) : null}
        </View>
        {problem ? <View className="form-error an-post-error">{problem}</View> : null}
        <Button className="button button-primary button-block an-post-submit" disabled={busy || undefined} onClick={() => void submit()}>
          {busy ? '正在发布…' : '发布并通知居民'}
        </Button>
      </View>
      <PrivacyDialog />
    </View>
  );
}
