/**
 * Keycloak's ConfigPropertyRepresentation (ProviderConfigProperty): how the admin console renders a
 * provider's settings. Types are ProviderConfigProperty's constants.
 */
export interface ConfigProperty {
  name: string;
  label: string;
  helpText: string;
  type: 'String' | 'boolean' | 'List' | 'Role' | 'ClientList' | 'UserProfileAttributeList' | 'MultivaluedString' | 'Text';
  defaultValue?: string;
  options?: string[];
  secret: boolean;
  required: boolean;
  readOnly: boolean;
}

export function property(
  name: string,
  label: string,
  helpText: string,
  type: ConfigProperty['type'],
  extra: Partial<Pick<ConfigProperty, 'defaultValue' | 'options' | 'required' | 'secret'>> = {},
): ConfigProperty {
  return { name, label, helpText, type, ...(extra.defaultValue === undefined ? {} : { defaultValue: extra.defaultValue }), ...(extra.options ? { options: extra.options } : {}), secret: extra.secret ?? false, required: extra.required ?? false, readOnly: false };
}
