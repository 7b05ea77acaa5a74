-- Drives Neovim's own LSP client against `sorrylint lsp`: open a draft,
-- wait for diagnostics, choose a quick fix and then the fix-all action
-- through the code action menu, and record what the buffer became.
-- The Rust test that starts Neovim reads the record and judges it.
--
-- Environment: RECORDER (record.lua), RECORD (where it writes the JSON
-- record), SORRYLINT (the binary) and DRAFT (the file to open).

local recorder = dofile(os.getenv('RECORDER'))
local record = recorder.data
local finish = recorder.finish
record.titles = {}

local function diagnostics(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(list, {
      lnum = d.lnum,
      col = d.col,
      end_col = d.end_col,
      severity = d.severity,
      code = lsp.code or '',
      message = d.message,
    })
  end
  table.sort(list, function(a, b) return a.col < b.col end)
  return list
end

local function has_code_at(bufnr, code, col)
  for _, d in ipairs(diagnostics(bufnr)) do
    if d.code == code and (col == nil or d.col == col) then
      return true
    end
  end
  return false
end

-- Replaces the code action menu with one that picks the first entry whose
-- title contains `title_part`, and records every title offered.
local function choose(title_part)
  vim.ui.select = function(items, _, on_choice)
    for _, item in ipairs(items) do
      table.insert(record.titles, item[2].title)
    end
    for _, item in ipairs(items) do
      if item[2].title:find(title_part, 1, true) then
        on_choice(item)
        return
      end
    end
    on_choice(nil)
  end
end

local function line(bufnr)
  return vim.api.nvim_buf_get_lines(bufnr, 0, 1, false)[1]
end

recorder.run(function()
  local bufnr = recorder.open_draft({ sorrylint = { audience = 'client' } })

  local sry_col = line(bufnr):find('sry', 1, true) - 1
  if not vim.wait(20000, function()
    return has_code_at(bufnr, 'txt-speak/abbreviation', sry_col)
  end, 50) then
    record.before = diagnostics(bufnr)
    return finish('no diagnostic for "sry" arrived')
  end
  record.before = diagnostics(bufnr)

  -- The quick fix for "sry", chosen from the menu at the cursor.
  vim.api.nvim_win_set_cursor(0, { 1, sry_col })
  choose("'sorry'")
  vim.lsp.buf.code_action()
  if not vim.wait(10000, function() return line(bufnr):find('sorry', 1, true) ~= nil end, 50) then
    return finish('the quick fix did not change the buffer')
  end
  record.after_quick_fix = line(bufnr)

  -- The server lints the changed text on its own.
  if not vim.wait(10000, function()
    return not has_code_at(bufnr, 'txt-speak/abbreviation', sry_col)
  end, 50) then
    return finish('the diagnostic for "sry" stayed after the fix')
  end
  record.after = diagnostics(bufnr)

  -- Then every safe fix at once, through the source action.
  choose('Apply all safe')
  vim.lsp.buf.code_action({ only = 'source.fixAll' })
  if not vim.wait(10000, function() return line(bufnr):find('your', 1, true) ~= nil end, 50) then
    return finish('the fix-all action did not change the buffer')
  end
  record.after_fix_all = line(bufnr)
  finish(nil)
end)
