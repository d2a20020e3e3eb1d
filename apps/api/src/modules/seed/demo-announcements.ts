import { EntityManager } from 'typeorm';
import { addDays, shanghaiDate, shanghaiTimeOn, type AnnouncementSide } from '@wuye/contracts';
import { Announcement, AnnouncementRead } from '../announcements/announcement.entity';
import type { DemoIndex } from './demo-seed.service';

interface DemoAnnouncement {
  community: string;
  by: string;
  side: AnnouncementSide;
  title: string;
  body: string;
  pinned?: boolean;
  /** Days from today of the last day shown; negative: already expired (only the posting side still sees it). */
  lastDay?: number;
  daysAgo: number;
  readBy?: string[];
}

const ANNOUNCEMENTS: DemoAnnouncement[] = [
  {
    community: 'JXHY',
    by: 'manager.jinxiu',
    side: 'property',
    title: '二次供水水箱清洗停水通知',
    body: '因二次供水水箱年度清洗消毒，本周六 9:00–15:00 3栋、5栋停水，请提前储水。清洗后水质检测报告将在物业服务中心公示。',
    pinned: true,
    lastDay: 5,
    daysAgo: 1,
    readBy: ['resident.family'],
  },
  {
    community: 'JXHY',
    by: 'chair.jinxiu',
    side: 'committee',
    title: '第三季度公共收益账目已公示',
    body: '业委会已审核第三季度公共收益账目（广告位、停车位、场地租赁），明细见“小区公示”。如有疑问，可在公示页面提出质询。',
    daysAgo: 3,
  },
  {
    community: 'JXHY',
    by: 'manager.jinxiu',
    side: 'property',
    title: '消防演练通知',
    body: '上周五下午开展了消防疏散演练，感谢各位业主配合。',
    lastDay: -2,
    daysAgo: 10,
    readBy: ['resident.jinxiu', 'resident.tenant'],
  },
  {
    community: 'YGXC',
    by: 'office.nanmen',
    side: 'office',
    title: '南门社区老年人免费体检',
    body: '南门社区卫生服务站下周一至周三为 65 岁以上老人免费体检，请携带身份证和医保卡。',
    lastDay: 7,
    daysAgo: 2,
  },
];

/** 小区公告: a pinned notice and a committee note in 锦绣花园 (one expired), a community office notice in 阳光新城. */
export async function seedDemoAnnouncements(m: EntityManager, index: DemoIndex): Promise<number> {
  const today = shanghaiDate();
  for (const a of ANNOUNCEMENTS) {
    const community = index.communities.get(a.community);
    const poster = index.users.get(a.by);
    if (!community || !poster) continue;
    const createdAt = new Date(shanghaiTimeOn(addDays(today, -a.daysAgo), '09:30'));
    const saved = await m.getRepository(Announcement).save(
      m.getRepository(Announcement).create({
        communityId: community.id,
        title: a.title,
        body: a.body,
        attachmentIds: [],
        pinned: a.pinned ?? false,
        expiresOn: a.lastDay === undefined ? null : addDays(today, a.lastDay),
        postedBy: a.side,
        postedById: poster.id,
        withdrawnAt: null,
        withdrawnById: null,
        createdAt,
      }),
    );
    const readers = (a.readBy ?? []).map((key) => index.users.get(key)).filter((u) => u !== undefined);
    if (readers.length) await m.getRepository(AnnouncementRead).insert(readers.map((u) => ({ announcementId: saved.id, userId: u.id, readAt: new Date(createdAt.getTime() + 3600_000) })));
  }
  return ANNOUNCEMENTS.length;
}
