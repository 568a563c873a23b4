// What the function app's system-assigned identity may do on the storage account and the vault.
// - Durable Functions on the Azure Storage provider needs Storage Queue Data Contributor, Storage Blob Data Contributor
//   and Storage Table Data Contributor on the task hub's account (durable-functions-configure-managed-identity,
//   "Assign access roles to the managed identity"; the same three in the Durable identity sample,
//   Azure/azure-functions-durable-extension samples/durable-client-managed-identity).
// - The Functions host on AzureWebJobsStorage needs Storage Blob Data Owner (includes/functions-azurewebjobsstorage-
//   permissions), which also covers the Durable blob role, the Flex deployment container and the email archive.
// - The app's read models are tables and its email archive is blobs in the same account: covered by the above.
// - Key Vault Secrets User lets the platform resolve the SendGrid Key Vault reference on an RBAC-authorised vault.
// Role definition IDs are Azure built-in roles (the same in every subscription).
param principalId string
param storageAccountName string
param keyVaultName string
param vaultOfficerPrincipalId string

var storageRoles = {
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
}
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource storageAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in items(storageRoles): {
  name: guid(account.id, principalId, role.value)
  scope: account
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
  }
}]

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

// Whoever puts the SendGrid key into the vault (a person or a pipeline); the app itself only reads it.
resource secretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(vaultOfficerPrincipalId)) {
  name: guid(vault.id, vaultOfficerPrincipalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    principalId: vaultOfficerPrincipalId
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
  }
}
