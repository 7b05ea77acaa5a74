-- Starts `sorrylint lsp` from Neovim's own LSP client with the default
-- audience in the client's settings, which Neovim sends when the server
-- requests them, and records the diagnostics of a draft.
--
-- Environment: RECORDER (record.lua), RECORD (where it writes the JSON
-- record), SORRYLINT (the binary), DRAFT (the file to open) and AUDIENCE.

local recorder = dofile(os.getenv('RECORDER'))
local record = recorder.data

recorder.run(function()
  local bufnr = recorder.open_draft({ sorrylint = { audience = os.getenv('AUDIENCE') } })

  -- Every audience gets a finding for the missing next step, so its
  -- arrival means the draft was linted.
  local function codes()
    local list = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      table.insert(list, ((d.user_data or {}).lsp or {}).code or '')
    end
    return list
  end
  local linted = vim.wait(20000, function()
    return vim.tbl_contains(codes(), 'call-to-action/next-step')
  end, 50)
  record.codes = codes()
  if linted then
    recorder.finish(nil)
  else
    recorder.finish('no diagnostics arrived')
  end
end)
