-- bnlint for Neovim 0.11+ (init.lua): the built-in LSP client starts `bnlint serve` for
-- Python buffers, next to any other Python server you enable.
vim.lsp.config('bnlint', {
  cmd = { 'bnlint', 'serve' },
  filetypes = { 'python' },
  root_markers = { 'pyproject.toml', 'setup.cfg', 'setup.py', '.git' },
})
vim.lsp.enable('bnlint')
