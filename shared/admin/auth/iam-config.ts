import { ConfigError, loadSettings, once, type Settings } from '../../config/env-config.js';
import { adminRights, REALM_ADMIN, type AdminRight } from '../permissions.js';

/** The rights one IAM principal (or `*`, any principal the API's IAM authorizer let through) gets. */
export interface IamGrant {
  readonly principal: string;
  /** `admin`: every right in every realm and creating realms, like master's admin role. */
  readonly rights: 'admin' | ReadonlySet<AdminRight>;
}

export interface IamAdminConfig {
  /**
   * Who may use the SigV4-signed admin paths, and with which rights: comma-separated entries
   * `<principal ARN>` (full admin) or `<principal ARN>=<right>+<right>...` with realm-management role
   * names (`view-users+manage-users`), in every realm. `*` matches any caller API Gateway
   * authenticated. Unset: nobody; every signed admin request is refused with 403.
   * @default ""
   */
  readonly grants: readonly IamGrant[];
}

function parseGrants(raw: string, variable: string): IamGrant[] {
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.lastIndexOf('=');
      if (at < 0) return { principal: entry, rights: 'admin' as const };
      const rights = entry
        .slice(at + 1)
        .split('+')
        .map((right) => right.trim());
      for (const right of rights) {
        if (right !== REALM_ADMIN && !(adminRights as readonly string[]).includes(right)) {
          throw new ConfigError(`${variable}: unknown right "${right}" for ${entry.slice(0, at)}`);
        }
      }
      return { principal: entry.slice(0, at), rights: new Set(rights as AdminRight[]) };
    });
}

const settings: Settings<IamAdminConfig> = {
  grants: { variable: 'GATEHOUSE_IAM_ADMINS', parse: parseGrants, defaultValue: [] },
};

export const iamAdminConfig = once(() => loadSettings(settings));
