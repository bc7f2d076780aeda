-- bnlint for Neovim 0.7 to 0.10 (init.lua): one `bnlint serve` per project, attached to
-- every Python buffer of that project. Settings go in init_options.
local bnlint_clients = {}
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'python',
  callback = function(args)
    local folder = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ':p:h')
    local marker = vim.fn.findfile('pyproject.toml', folder .. ';')
    local root = marker ~= '' and vim.fn.fnamemodify(marker, ':p:h') or folder
    local id = bnlint_clients[root]
    if not (id and vim.lsp.get_client_by_id(id)) then
      id = vim.lsp.start_client({
        name = 'bnlint',
        cmd = { 'bnlint', 'serve' },
        root_dir = root,
        init_options = {},
      })
      bnlint_clients[root] = id
    end
    if id then
      vim.lsp.buf_attach_client(args.buf, id)
    end
  end,
})
