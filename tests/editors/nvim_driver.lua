-- Drives Neovim's own LSP client against bnlint, as a user would, and records what happened.
--
--   nvim --headless --clean -u nvim_driver.lua FILE.py
--
-- Environment:
--   BNLINT_EDITOR_SNIPPETS  configuration files from docs/editors.md to load, ':'-separated
--   BNLINT_EDITOR_CODE      the rule whose preferred fix to apply, e.g. BN002
--   BNLINT_EDITOR_RESULT    where to write the JSON record the pytest side checks
--   BNLINT_EDITOR_TIMEOUT   seconds to wait for each step (a bound against hangs, not a check)
--
-- Exit status: 0 when every step happened, 1 when one did not (the record says which and
-- what was seen), 2 when the driver itself failed.

local result_path = assert(os.getenv('BNLINT_EDITOR_RESULT'), 'BNLINT_EDITOR_RESULT is not set')
local code = os.getenv('BNLINT_EDITOR_CODE') or 'BN002'
local timeout_ms = math.floor(1000 * tonumber(os.getenv('BNLINT_EDITOR_TIMEOUT') or '60'))

local record = {
  editor = 'neovim',
  version = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch,
  snippets = {},
  failure = vim.NIL,
}

local function finish(status)
  vim.fn.writefile({ vim.fn.json_encode(record) }, result_path)
  if status == 0 then
    vim.cmd('qall!')
  else
    vim.cmd('cquit! ' .. status)
  end
end

for snippet in string.gmatch(os.getenv('BNLINT_EDITOR_SNIPPETS') or '', '[^:]+') do
  table.insert(record.snippets, snippet)
  local ok, err = pcall(dofile, snippet)
  if not ok and record.failure == vim.NIL then
    record.failure = 'driver error: cannot load ' .. snippet .. ': ' .. tostring(err)
  end
end

local diagnostic_updates = 0
vim.api.nvim_create_autocmd('DiagnosticChanged', {
  callback = function()
    diagnostic_updates = diagnostic_updates + 1
  end,
})

local function buffer_text(buf)
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
end

-- What the user sees: every diagnostic in the buffer, in LSP terms (0-based, end exclusive).
local function diagnostics(buf)
  local seen = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = (d.user_data and d.user_data.lsp) or {}
    table.insert(seen, {
      code = d.code or lsp.code or vim.NIL,
      source = d.source or lsp.source or vim.NIL,
      message = d.message,
      severity = d.severity,
      range = { d.lnum, d.col, d.end_lnum or d.lnum, d.end_col or d.col },
    })
  end
  return seen
end

local function with_code(list)
  local found = {}
  for _, d in ipairs(list) do
    if d.code == code then
      table.insert(found, d)
    end
  end
  return found
end

local function bnlint_client(buf)
  local get = vim.lsp.get_clients or vim.lsp.buf_get_clients -- 0.10+ / 0.7
  local clients = vim.lsp.get_clients and get({ bufnr = buf }) or get(buf)
  for _, client in pairs(clients) do
    if client.name == 'bnlint' then
      return client
    end
  end
  return nil
end

-- The user's part of the code action menu: pick the preferred fix. vim.ui.select is the hook
-- Neovim offers for this (menu plugins replace it the same way). Items are {action=, ctx=}
-- from 0.10 on and {client_id, action} in 0.7.
local function choose_preferred_action()
  local chosen = nil
  vim.ui.select = function(items, opts, on_choice)
    record.menu = {}
    for _, item in ipairs(items) do
      local action = item.action or item[2]
      table.insert(record.menu, {
        title = action.title,
        kind = action.kind or vim.NIL,
        preferred = action.isPreferred == true,
        shown_as = opts.format_item and opts.format_item(item) or action.title,
      })
      if chosen == nil and action.isPreferred then
        chosen = item
      end
    end
    record.chosen = chosen and (chosen.action or chosen[2]).title or vim.NIL
    on_choice(chosen)
  end
end

local function run()
  local buf = vim.api.nvim_get_current_buf()
  record.file = vim.api.nvim_buf_get_name(buf)
  record.filetype = vim.bo[buf].filetype
  record.text_before = buffer_text(buf)

  -- starting the server is not a step under test: a short BNLINT_EDITOR_TIMEOUT (the
  -- "nothing to fix" test) bounds the wait for diagnostics, not the server's start on a busy machine
  vim.wait(math.max(timeout_ms, 60000), function() return bnlint_client(buf) ~= nil end, 20)
  if not vim.wait(timeout_ms, function() return #with_code(diagnostics(buf)) > 0 end, 20) then
    -- a server that failed to start shows on stderr ("Client bnlint quit with exit code ...")
    record.client_attached = bnlint_client(buf) ~= nil
    record.diagnostics_before = diagnostics(buf)
    record.failure = 'no ' .. code .. ' diagnostic arrived'
    return 1
  end
  local client = bnlint_client(buf)
  record.client_attached = client ~= nil
  if client and client.server_info then
    record.server_name = client.server_info.name
  end
  record.diagnostics_before = diagnostics(buf)

  local target = with_code(record.diagnostics_before)[1]
  vim.api.nvim_win_set_cursor(0, { target.range[1] + 1, target.range[2] })
  local tick = vim.api.nvim_buf_get_changedtick(buf)
  local updates_at_apply = diagnostic_updates
  choose_preferred_action()
  vim.lsp.buf.code_action()
  if not vim.wait(timeout_ms, function() return record.menu ~= nil end, 20) then
    record.failure = 'the code action menu never opened'
    return 1
  end
  if record.chosen == vim.NIL then
    record.failure = 'the menu had no preferred action'
    return 1
  end

  -- Neovim applies the edit and sends didChange itself; the fix is done when bnlint has
  -- published diagnostics for the edited text and the finding is not among them.
  local fixed = vim.wait(timeout_ms, function()
    return vim.api.nvim_buf_get_changedtick(buf) ~= tick
      and diagnostic_updates > updates_at_apply
      and #with_code(diagnostics(buf)) == 0
  end, 20)
  record.text_after = buffer_text(buf)
  record.diagnostics_after = diagnostics(buf)
  record.diagnostic_updates_after_fix = diagnostic_updates - updates_at_apply
  if not fixed then
    record.failure = vim.api.nvim_buf_get_changedtick(buf) == tick and 'the fix did not change the buffer'
      or (code .. ' is still reported after the fix')
    return 1
  end
  return 0
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    if record.failure ~= vim.NIL then
      return finish(2)
    end
    local ok, status = pcall(run)
    if not ok then
      record.failure = 'driver error: ' .. tostring(status)
      status = 2
    end
    finish(status)
  end,
})
