;;; eglot_driver.el --- drive Eglot against bnlint in batch mode  -*- lexical-binding: t -*-

;; emacs --batch -Q -l eglot_driver.el FILE.py  < answers
;;
;; Loads the configuration files from docs/editors.md, opens FILE.py as a user would (so the
;; documented `eglot-ensure' hook connects), waits for bnlint's diagnostics in Flymake,
;; applies the preferred code action through Eglot's own menu (standard input answers its
;; prompt: an empty line takes the default, which Eglot makes the preferred action), and
;; records what happened as JSON.
;;
;; Environment: BNLINT_EDITOR_SNIPPETS (':'-separated), BNLINT_EDITOR_CODE,
;; BNLINT_EDITOR_RESULT, BNLINT_EDITOR_TIMEOUT (seconds per step, a bound against hangs).
;; Exit status: 0 every step happened, 1 one did not (the record says which), 2 driver error.

(require 'package)
;; Emacs 28 has no built-in Eglot: activate Debian's elpa-eglot. -Q drops site-lisp from
;; load-path, so package.el would not look there; a user's Emacs does without this line.
(when (file-directory-p "/usr/share/emacs/site-lisp/elpa")
  (add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa" t))
(package-initialize)
(require 'json)
(require 'cl-lib)

(defvar bnlint-driver-code (or (getenv "BNLINT_EDITOR_CODE") "BN002"))
(defvar bnlint-driver-timeout (string-to-number (or (getenv "BNLINT_EDITOR_TIMEOUT") "60")))
(defvar bnlint-driver-record (list (cons (quote failure) nil)) "Alist written as the JSON result.")
(defvar bnlint-driver-publishes 0 "How many textDocument/publishDiagnostics Eglot has handled.")

(defun bnlint-driver-note (key value)
  (setf (alist-get key bnlint-driver-record) value))

(defun bnlint-driver-count-publish (_server method &rest _params)
  (when (eq method 'textDocument/publishDiagnostics)
    (cl-incf bnlint-driver-publishes)))

(defun bnlint-driver-wait (predicate)
  "Process server output until PREDICATE holds; nil if it did not within the timeout."
  (let ((deadline (+ (float-time) bnlint-driver-timeout)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.02))
    (funcall predicate)))

(defun bnlint-driver-diagnostics ()
  "The buffer's Flymake diagnostics as Eglot received them from the server."
  ;; Flymake shows what the backend last reported; ask it again so it reports the latest
  (flymake-start)
  (vconcat
   (cl-loop for diag in (flymake-diagnostics)
            for lsp = (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data diag)))
            when lsp
            collect (let ((start (plist-get (plist-get lsp :range) :start))
                          (end (plist-get (plist-get lsp :range) :end)))
                      `((code . ,(plist-get lsp :code))
                        (source . ,(plist-get lsp :source))
                        (message . ,(plist-get lsp :message))
                        (severity . ,(plist-get lsp :severity))
                        (flymake_type . ,(symbol-name (flymake-diagnostic-type diag)))
                        (range . [,(plist-get start :line) ,(plist-get start :character)
                                  ,(plist-get end :line) ,(plist-get end :character)]))))))

(defun bnlint-driver-with-code (diagnostics)
  (cl-remove-if-not (lambda (d) (equal (alist-get 'code d) bnlint-driver-code))
                    (append diagnostics nil)))

(defun bnlint-driver-text ()
  (save-restriction (widen) (buffer-substring-no-properties (point-min) (point-max))))

(defun bnlint-driver-run (file)
  (dolist (snippet (split-string (or (getenv "BNLINT_EDITOR_SNIPPETS") "") ":" t))
    (load snippet nil t))
  (bnlint-driver-note 'snippets (vconcat (split-string (or (getenv "BNLINT_EDITOR_SNIPPETS") "") ":" t)))
  (find-file file)
  (bnlint-driver-note 'file buffer-file-name)
  (bnlint-driver-note 'major_mode (symbol-name major-mode))
  (bnlint-driver-note 'text_before (bnlint-driver-text))
  (require 'eglot)
  ;; Eglot waits 3 s for the server's start before going on "in background", which batch mode
  ;; never returns to; a busy machine can take longer than that to start Python
  (setq eglot-sync-connect 60
        eglot-connect-timeout 120)
  (advice-add 'eglot-handle-notification :after #'bnlint-driver-count-publish)
  ;; `eglot-ensure' connects when the command that opened the file ends; in batch mode no
  ;; command loop runs, so end that command here
  (run-hooks 'post-command-hook)
  (let ((server (eglot-current-server)))
    (bnlint-driver-note 'connected (and server t))
    (unless server
      (throw 'bnlint-driver-failed "Eglot did not connect to bnlint")))
  (unless (bnlint-driver-wait
           (lambda () (or (not (eglot-current-server)) ; the server exited: stop waiting
                          (and (> bnlint-driver-publishes 0)
                               (bnlint-driver-with-code (bnlint-driver-diagnostics))))))
    (bnlint-driver-note 'diagnostics_before (bnlint-driver-diagnostics))
    (throw 'bnlint-driver-failed (format "no %s diagnostic arrived" bnlint-driver-code)))
  (unless (eglot-current-server)
    (throw 'bnlint-driver-failed "bnlint exited"))
  (let* ((before (bnlint-driver-diagnostics))
         (target (car (bnlint-driver-with-code before)))
         (range (alist-get 'range target)))
    (bnlint-driver-note 'diagnostics_before before)
    (goto-char (point-min))
    (forward-line (aref range 0))
    (forward-char (aref range 1))
    ;; the region `M-x eglot-code-actions' asks about: the symbol at point
    (let ((actions (apply #'eglot-code-actions (eglot--region-bounds))))
      (bnlint-driver-note
       'menu (vconcat (mapcar (lambda (a) `((title . ,(plist-get a :title))
                                            (kind . ,(plist-get a :kind))
                                            (preferred . ,(if (plist-get a :isPreferred) t :json-false))))
                              actions))))
    (let ((text (bnlint-driver-text))
          (publishes bnlint-driver-publishes)
          ;; a keyboard event, so Eglot asks in the minibuffer rather than with a popup menu
          (last-nonmenu-event ?\r))
      (call-interactively #'eglot-code-actions)
      (when (equal text (bnlint-driver-text))
        (throw 'bnlint-driver-failed "the chosen action did not change the buffer"))
      ;; Eglot sends didChange from an idle timer, and batch Emacs is never idle
      (eglot--signal-textDocument/didChange)
      (let ((fixed (bnlint-driver-wait
                    (lambda () (and (> bnlint-driver-publishes publishes)
                                    (null (bnlint-driver-with-code (bnlint-driver-diagnostics))))))))
        (bnlint-driver-note 'text_after (bnlint-driver-text))
        (bnlint-driver-note 'diagnostics_after (bnlint-driver-diagnostics))
        (bnlint-driver-note 'publishes_after_fix (- bnlint-driver-publishes publishes))
        (unless fixed
          (throw 'bnlint-driver-failed (format "%s is still reported after the fix" bnlint-driver-code))))))
  nil)

(let* ((result-file (or (getenv "BNLINT_EDITOR_RESULT") (error "BNLINT_EDITOR_RESULT is not set")))
       (file (car command-line-args-left))
       (status 0))
  (setq command-line-args-left nil)
  (bnlint-driver-note 'editor "emacs")
  (bnlint-driver-note 'version emacs-version)
  (bnlint-driver-note 'eglot_version
                      (let ((desc (cadr (assq 'eglot package-alist))))
                        (if desc (package-version-join (package-desc-version desc)) "built-in")))
  (condition-case err
      (let ((failure (catch 'bnlint-driver-failed (bnlint-driver-run file))))
        (when failure
          (bnlint-driver-note 'failure failure)
          (setq status 1)))
    (error (bnlint-driver-note 'failure (format "driver error: %s" (error-message-string err)))
           (setq status 2)))
  (with-temp-file result-file
    (insert (json-encode bnlint-driver-record)))
  (kill-emacs status))
