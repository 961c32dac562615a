/** SDK-shaped IAM answers for lib/aws/iam tests (never imported by app code). */

export const ROLE_NAME = 'AppFactoryGitHubActionsRole'
export const PROVIDER_ARN = 'arn:aws:iam::082609687527:oidc-provider/token.actions.githubusercontent.com'
export const POWER_USER_ARN = 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser'

export const trustPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: PROVIDER_ARN },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:hanpieter1/AppFactory:*' },
      },
    },
  ],
}

/** IAM sends policy documents URL-encoded (RFC 3986); the SDK passes them through as-is. */
export const getRoleOutput = {
  Role: {
    Path: '/',
    RoleName: ROLE_NAME,
    RoleId: 'AROAR4KZQ7GHA2PFXW3NM',
    Arn: `arn:aws:iam::082609687527:role/${ROLE_NAME}`,
    CreateDate: new Date('2026-01-26T10:00:00Z'),
    AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(trustPolicy)),
  },
}

export const powerUserDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'ecr:PutImage'], Resource: '*' }],
}
