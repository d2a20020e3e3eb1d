import Taro from '@tarojs/taro';
import { Button, Input, View } from '@tarojs/components';
import { TICKET_DESCRIPTION_MAX, type MyHouse } from '@wuye/contracts';
import ChoiceChips from '../../../../../components/ChoiceChips';
import TextBox from '../../../../../components/TextBox';
import { PLACE_MAX, isOwnHouseRepair, isPrivate, type DraftAction, type ReportDraft } from '../draft';

/** 地图选点 (weapp): the place's name goes into the field, the position along with the report. */
async function chooseOnMap(dispatch: (action: DraftAction) => void): Promise<void> {
  try {
    const chosen = await Taro.chooseLocation({});
    dispatch({ type: 'placeOnMap', place: chosen.name || chosen.address || '', location: { lat: chosen.latitude, long: chosen.longitude } });
  } catch {
    // Cancelled or refused: the typed place is enough.
  }
}

/** What happened and where: the description, 公共区域 or 我家里 (a repair), the place, and who will see it. */
export default function WhereSection({ draft, houses, dispatch }: { draft: ReportDraft; houses: MyHouse[]; dispatch: (action: DraftAction) => void }) {
  const ownHouse = isOwnHouseRepair(draft);
  return (
    <View className="card report-section">
      <View className="field report-description">
        <View className="field-label">问题描述</View>
        <TextBox
          className="report-description-input"
          value={draft.description}
          max={TICKET_DESCRIPTION_MAX}
          placeholder="例如：3栋1单元电梯按钮失灵，按了不亮"
          onChange={(description) => dispatch({ type: 'description', description })}
        />
        <View className="field-hint report-description-count">
          {draft.description.length}/{TICKET_DESCRIPTION_MAX}
        </View>
      </View>

      {draft.kind === 'repair' && houses.length > 0 ? (
        <View className="field report-where">
          <View className="field-label">报修哪里</View>
          <View className="chips report-scope">
            <View className={`chip report-scope-common${!ownHouse ? ' chip-selected' : ''}`} onClick={() => dispatch({ type: 'scope', ownHouse: false, houses })}>
              公共区域
            </View>
            <View className={`chip report-scope-own${ownHouse ? ' chip-selected' : ''}`} onClick={() => dispatch({ type: 'scope', ownHouse: true, houses })}>
              我家里
            </View>
          </View>
          {ownHouse ? (
            <ChoiceChips
              className="report-houses"
              itemClassName="report-house"
              items={houses}
              keyOf={(h) => h.houseId}
              labelOf={(h) => h.houseLabel}
              chosen={draft.house?.houseId}
              onChoose={(house) => dispatch({ type: 'house', house })}
            />
          ) : null}
        </View>
      ) : null}

      <View className="field report-place">
        <View className="field-label">{ownHouse ? '具体位置（选填）' : '问题位置'}</View>
        <Input
          className="input report-place-input"
          value={draft.place}
          maxlength={PLACE_MAX}
          placeholder="例如：3栋1单元大堂"
          onInput={(event) => dispatch({ type: 'placeTyped', place: event.detail.value })}
        />
        {process.env.TARO_ENV === 'weapp' ? (
          <View className="button-row">
            <Button className="button button-small report-locate" onClick={() => void chooseOnMap(dispatch)}>
              在地图上选择
            </Button>
            {draft.location ? (
              <Button className="button button-small report-locate-clear" onClick={() => dispatch({ type: 'dropLocation' })}>
                不附带定位
              </Button>
            ) : null}
          </View>
        ) : null}
        {draft.location ? <View className="field-hint">已附带地图位置，只有物业能看到。</View> : null}
      </View>

      <View className="muted report-visibility wrap-text">
        {isPrivate(draft) ? `${ownHouse ? '家中报修' : '投诉'}只有您和物业能看到。` : '这条报事会显示在小区公告板上，您的姓名和门牌号不会公开。'}
      </View>
    </View>
  );
}
