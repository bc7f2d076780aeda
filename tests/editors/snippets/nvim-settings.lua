-- bnlint settings (init.lua, before or after the lines above: vim.lsp.config merges them)
vim.lsp.config('bnlint', {
  init_options = {
    ignore = { 'BN007' },
    severity = { BN002 = 'error' },
    run = 'onType',
    debounceMs = 150,
  },
})
