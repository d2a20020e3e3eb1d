/** Organisation model: areas, property companies, communities (小区), buildings, houses, service contracts. */

export const AREA_LEVELS = ['county', 'town', 'community_office'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];
export const AREA_LEVEL_LABELS: Record<AreaLevel, string> = {
  county: '县（区）',
  town: '乡镇（街道）',
  community_office: '社区（村）',
};
/** The level a child must have under a parent of the given level; county is the root. */
export const AREA_CHILD_LEVEL: Record<AreaLevel, AreaLevel | null> = {
  county: 'town',
  town: 'community_office',
  community_office: null,
};

export interface AreaView {
  id: number;
  code: string;
  name: string;
  level: AreaLevel;
  parentId: number | null;
}
export interface CreateAreaInput {
  code: string;
  name: string;
  level: AreaLevel;
  parentId?: number | null;
}
export interface UpdateAreaInput {
  code?: string;
  name?: string;
}

export interface CompanyView {
  id: number;
  name: string;
  creditCode: string;
  contactPhone: string | null;
  address: string | null;
}
export interface CreateCompanyInput {
  name: string;
  creditCode: string;
  contactPhone?: string | null;
  address?: string | null;
}
export type UpdateCompanyInput = Partial<CreateCompanyInput>;

export interface CommunityView {
  id: number;
  code: string;
  name: string;
  address: string | null;
  /** The community office (社区/村) the estate belongs to. */
  areaId: number;
  areaName: string;
  townName: string | null;
  /** The company of the active service contract (and its 物业 contact number), or null while none is in force. */
  company: { id: number; name: string; contactPhone: string | null } | null;
  /** 合同概要 residents may read: the active contract's grade, fee standards and term (null while none is in force). */
  contract: ContractSummary | null;
  lat: number | null;
  long: number | null;
}
export interface ContractSummary {
  serviceGrade: ServiceGrade;
  feeStandards: FeeStandard[];
  startsOn: string;
  /** null: open-ended. */
  endsOn: string | null;
}
export interface CreateCommunityInput {
  code: string;
  name: string;
  areaId: number;
  address?: string | null;
  lat?: number | null;
  long?: number | null;
}
export type UpdateCommunityInput = Partial<CreateCommunityInput>;

export interface BuildingView {
  id: number;
  communityId: number;
  name: string;
  houseCount: number;
}
export interface CreateBuildingInput {
  name: string;
}

export const PROPERTY_TYPES = ['residence', 'shop', 'office', 'garage', 'other'] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];
export const PROPERTY_TYPE_LABELS: Record<PropertyType, string> = {
  residence: '住宅',
  shop: '商铺',
  office: '办公',
  garage: '车库',
  other: '其他',
};

export interface HouseView {
  id: number;
  communityId: number;
  buildingId: number;
  buildingName: string;
  unit: string | null;
  floor: number;
  number: string;
  /** m², two decimals. */
  floorArea: number;
  propertyType: PropertyType;
  /** e.g. "3栋1单元1201". */
  label: string;
}
export interface CreateHouseInput {
  buildingId: number;
  unit?: string | null;
  floor: number;
  number: string;
  floorArea: number;
  propertyType?: PropertyType;
}
export type UpdateHouseInput = Partial<Omit<CreateHouseInput, 'buildingId'>>;

export interface HouseImportResult {
  dryRun: boolean;
  rows: number;
  buildingsCreated: number;
  housesCreated: number;
}

export const SERVICE_GRADES = ['一级', '二级', '三级', '四级', '五级'] as const;
export type ServiceGrade = (typeof SERVICE_GRADES)[number];

export interface FeeStandard {
  propertyType: PropertyType;
  /** 分 per m² per month. */
  pricePerM2MonthFen: number;
}

export type ContractStatus = 'upcoming' | 'active' | 'expired' | 'terminated';
export const CONTRACT_END_REASONS = ['expired', 'terminated', 'reselected'] as const;
/** expired: ran out; terminated: 清退; reselected: owners chose another company (改选). */
export type ContractEndReason = (typeof CONTRACT_END_REASONS)[number];

export interface ContractView {
  id: number;
  communityId: number;
  communityName: string;
  companyId: number;
  companyName: string;
  /** Calendar dates (Asia/Shanghai), inclusive. */
  startsOn: string;
  endsOn: string | null;
  serviceGrade: ServiceGrade;
  feeStandards: FeeStandard[];
  status: ContractStatus;
  terminatedAt: string | null;
  endReason: ContractEndReason | null;
  endNote: string | null;
}
export interface CreateContractInput {
  communityId: number;
  companyId: number;
  startsOn: string;
  endsOn?: string | null;
  serviceGrade: ServiceGrade;
  feeStandards?: FeeStandard[];
}
export interface EndContractInput {
  reason: ContractEndReason;
  note?: string;
}

/** The public directory (no personal data): what anyone may see of an estate. */
export interface DirectoryCommunity {
  id: number;
  code: string;
  name: string;
  address: string | null;
  areaName: string;
  townName: string | null;
  companyName: string | null;
}
