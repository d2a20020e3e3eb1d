import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import {
  BINDING_RELATIONS,
  BINDING_RELATION_LABELS,
  type BindingRelation,
  type DirectoryCommunity,
  type DirectoryHouse,
} from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import HousePicker from '../../../../components/HousePicker';
import SessionNotice from '../../../../components/SessionNotice';
import StatusNotice from '../../../../components/StatusNotice';
import { usePagedList } from '../../../../hooks/usePagedList';
import { useSession } from '../../../../hooks/useSession';
import { BIND_PAGE, ME_PAGE } from '../../../../routes';
import { requestBinding } from '../../../../services/bindings';
import { searchCommunities } from '../../../../services/directory';
import { errorText } from '../../../../services/errors';
import TextBox from '../../../../components/TextBox';
import './index.scss';

const NOTE_MAX = 100;

/** Step 1: find the estate by name in the public directory. */
function CommunityPicker({ onChoose }: { onChoose: (community: DirectoryCommunity) => void }) {
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const result = usePagedList((cursor?: string) => searchCommunities(searched, cursor), { reloadOn: searched });

  const search = () => {
    const q = query.trim();
    if (q === searched) void result.reload();
    else setSearched(q);
  };

  return (
    <View className="bind-community-picker">
      <View className="bind-search">
        <Input
          className="input bind-search-input"
          value={query}
          placeholder="输入小区名称，例如 锦绣"
          confirmType="search"
          maxlength={64}
          onInput={(event) => setQuery(event.detail.value)}
          onConfirm={search}
        />
        <Button className="button button-small bind-search-button" onClick={search}>
          搜索
        </Button>
      </View>
      {result.phase === 'loading' ? <StatusNotice className="bind-communities-loading" title="正在加载…" /> : null}
      {result.phase === 'error' ? (
        <StatusNotice className="bind-communities-error" title="小区列表没能加载" text={result.errorMessage} actionText="重试" onAction={search} />
      ) : null}
      {result.phase === 'ready' && result.items.length === 0 ? (
        <View className="muted bind-communities-empty">没有找到名称包含“{searched}”的小区，请换个关键词。</View>
      ) : null}
      {result.phase === 'ready'
        ? result.items.map((community) => (
            <View key={community.id} className="bind-community" onClick={() => onChoose(community)}>
              <View className="bind-community-name">{community.name}</View>
              {community.address ? <View className="muted wrap-text">{community.address}</View> : null}
            </View>
          ))
        : null}
      {result.phase === 'ready' && result.nextCursor ? (
        <Button className="button button-block bind-communities-more" disabled={result.loadingMore || undefined} onClick={() => void result.loadMore()}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}

/** 申请绑定房屋: estate → building → room → relation (业主/家属/租户), an optional note for the reviewer. */
export default function BindHouse() {
  const gate = useSession({ returnTo: BIND_PAGE });
  const [community, setCommunity] = useState<DirectoryCommunity | null>(null);
  const [house, setHouse] = useState<DirectoryHouse | null>(null);
  const [relation, setRelation] = useState<BindingRelation | null>(null);
  const [note, setNote] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [formError, setFormError] = useState('');

  const chooseCommunity = (next: DirectoryCommunity | null) => {
    setCommunity(next);
    setHouse(null);
    setFormError('');
  };

  const chooseHouse = (next: DirectoryHouse | null) => {
    setHouse(next);
    setFormError('');
  };

  const submit = async () => {
    if (!house || !relation || submitting) return;
    setSubmitting(true);
    setFormError('');
    try {
      const trimmed = note.trim();
      await requestBinding({ houseId: house.id, relation, ...(trimmed ? { note: trimmed } : {}) });
      void Taro.showToast({ title: '已提交，等待审核', icon: 'success' });
      void Taro.switchTab({ url: ME_PAGE });
    } catch (error) {
      setFormError(errorText(error));
    } finally {
      setSubmitting(false);
    }
  };

  if (gate.phase !== 'signed-in') {
    return (
      <View className="page bind">
        <SessionNotice gate={gate} purpose="登录后才能申请绑定房屋。" />
      </View>
    );
  }

  return (
    <View className="page bind">
      <View className="card bind-step bind-step-community">
        <View className="bind-step-title">1. 选择小区</View>
        {community ? (
          <View className="bind-chosen">
            <Text className="bind-chosen-name bind-chosen-community">{community.name}</Text>
            <Button className="button button-small bind-change-community" onClick={() => chooseCommunity(null)}>
              更换
            </Button>
          </View>
        ) : (
          <CommunityPicker onChoose={chooseCommunity} />
        )}
      </View>

      {community ? (
        <HousePicker
          key={community.id}
          communityId={community.id}
          prefix="bind"
          house={house}
          onHouse={chooseHouse}
          step={(kind, content) => (
            <View className={`card bind-step bind-step-${kind}`}>
              <View className="bind-step-title">{kind === 'building' ? '2. 选择楼栋' : '3. 选择房号'}</View>
              {content}
            </View>
          )}
        />
      ) : null}

      {house ? (
        <View className="card bind-step bind-step-relation">
          <View className="bind-step-title">4. 您和这套房屋的关系</View>
          <ChoiceChips
            className="bind-relations"
            itemClassName="bind-relation"
            items={BINDING_RELATIONS}
            labels={BINDING_RELATION_LABELS}
            chosen={relation}
            onChoose={setRelation}
          />

          <View className="field bind-note">
            <View className="field-label">备注（选填）</View>
            <TextBox className="bind-note-input" value={note} max={NOTE_MAX} placeholder="例如：产权证上的姓名" onChange={setNote} />
            <View className="field-hint bind-note-count">
              {note.length}/{NOTE_MAX}
            </View>
            <View className="field-hint">备注只给审核的物业项目经理或业委会看，其他居民看不到。</View>
          </View>

          <View className="bind-summary wrap-text">
            申请绑定：{community?.name} {house.label}
            {relation ? `，身份 ${BINDING_RELATION_LABELS[relation]}` : ''}
          </View>
          {formError ? <View className="form-error bind-error">{formError}</View> : null}
          <Button className="button button-primary button-block bind-submit" disabled={!relation || submitting || undefined} onClick={() => void submit()}>
            {submitting ? '正在提交…' : relation ? '提交申请' : '请选择您的身份'}
          </Button>
        </View>
      ) : null}
    </View>
  );
}
