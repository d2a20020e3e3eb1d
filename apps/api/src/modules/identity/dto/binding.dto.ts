import { BINDING_RELATIONS, BINDING_STATES, type BindingRelation, type BindingState, type CreateBindingInput, type RejectBindingInput, type RemoveBindingInput } from '@wuye/contracts';
import { EnumField, IntField, TextField } from '../../../common/fields';
import { PageQuery } from '../../../common/pagination';

export class CreateBindingDto implements CreateBindingInput {
  @IntField({ min: 1, max: 2 ** 31 - 1 })
  houseId: number;

  @EnumField(BINDING_RELATIONS, { description: 'owner 业主, family 家属, tenant 租户' })
  relation: BindingRelation;

  @TextField({ max: 100, optional: true, description: 'For the reviewer, e.g. the name on the property certificate' })
  note?: string;
}

export class RejectBindingDto implements RejectBindingInput {
  @TextField({ max: 200, description: 'Shown to the applicant' })
  reason: string;
}

export class RemoveBindingDto implements RemoveBindingInput {
  @TextField({ max: 200, optional: true })
  reason?: string;
}

export class ListBindingsQuery extends PageQuery {
  @EnumField(BINDING_STATES, { optional: true })
  state?: BindingState;
}
