import { meSchema } from '../schemas/user';
import { anySignedIn } from './authz';
import { defineContract } from './define';

export const getMe = defineContract({
  name: 'getMe',
  summary: '当前登录用户的资料、角色和所属组织',
  method: 'GET',
  path: '/me',
  access: ['worker'],
  authz: anySignedIn,
  output: meSchema,
  errors: ['USER_NOT_FOUND'],
});
